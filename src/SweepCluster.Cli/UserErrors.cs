using Spectre.Console.Cli;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core;

namespace SweepCluster.Cli;

/// <summary>The one place user mistakes become a single sentence on stderr and exit code 2, never a stack trace.</summary>
public static class UserErrors
{
    public const int ExitCode = 2;
    /// <summary>The sweep's journal cannot be used or failed: a matter of the data, not of the command line.</summary>
    public const int JournalExitCode = 3;

    public static int Run(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (UserInputException e)
        {
            return Report(e.Message);
        }
        catch (JournalException e)
        {
            Console.Error.WriteLine($"sweepcluster: {e.Message}");
            return JournalExitCode;
        }
        catch (CommandAppException e)
        {
            return Report(e.Message.TrimEnd('.') + "; run 'sweepcluster --help' for usage.");
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("sweepcluster: cancelled.");
            return 130;
        }
    }

    private static int Report(string message)
    {
        Console.Error.WriteLine($"sweepcluster: {message}");
        return ExitCode;
    }
}
