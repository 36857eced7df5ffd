using Spectre.Console.Cli;
using SweepCluster.Core;

namespace SweepCluster.Cli;

/// <summary>The one place user mistakes become a single sentence on stderr and exit code 2, never a stack trace.</summary>
public static class UserErrors
{
    public const int ExitCode = 2;

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
