using Spectre.Console.Cli;
using SweepCluster.Cluster;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core;
using SweepCluster.Cli.Sweeps;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Cli;

/// <summary>The one place user mistakes become a single sentence on stderr and exit code 2, never a stack trace.</summary>
internal static class UserErrors
{
    public const int ExitCode = 2;
    /// <summary>The sweep's journal cannot be used or failed: a matter of the data, not of the command line.</summary>
    public const int JournalExitCode = 3;
    /// <summary>A request inside the node ran out of time: a machine too busy for the node's own deadlines.</summary>
    public const int TimeoutExitCode = 4;
    /// <summary>The node was downed or removed from its cluster: restarting the same command recovers.</summary>
    public const int NodeLostExitCode = 5;

    /// <param name="explainRefusal">For a command line the parser refused: one sentence naming the unknown flag or verb
    /// and the nearest known one, or null to report the parser's own message.</param>
    public static int Run(Func<int> command, Func<string?>? explainRefusal = null)
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
        catch (NodeLostException e)
        {
            Console.Error.WriteLine($"sweepcluster: {e.Message}.");
            return NodeLostExitCode;
        }
        catch (CommandAppException e)
        {
            return Report(explainRefusal?.Invoke() ?? e.Message.TrimEnd('.') + "; run 'sweepcluster --help' for usage.");
        }
        catch (Exception e) when (TimedOutRequest.Find(e) is { } timeout)
        {
            Console.Error.WriteLine($"sweepcluster: {TimeoutSentence(timeout)}");
            return TimeoutExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("sweepcluster: cancelled.");
            return 130;
        }
    }

    /// <summary>A timeout is load, never damage: the journal keeps every trial that ended, so the advice is to run the
    /// same command again (or, on a machine busier still, to allow the journal more time).</summary>
    internal static string TimeoutSentence(Exception timeout) => timeout is JournalTimeoutException
        ? $"{timeout.Message.TrimEnd('.')}: the machine was too busy; nothing was lost; run the same command again (or allow each journal request more time with {JournalVariables.Timeout.Name}=SECONDS)."
        : $"an internal request ran out of time ({timeout.Message.TrimEnd('.')}{Origin(timeout)}): the machine was too busy; nothing was lost; run the same command again.";

    /// <summary>The innermost method that awaited a timed-out request (an ask's timeout is set on its task, not thrown,
    /// so this names the asker) and, when that is a library's, the first of this program's methods above it: a report of
    /// one then names the request without a stack trace on the user's screen.</summary>
    private static string Origin(Exception timeout)
    {
        var frames = (timeout.StackTrace ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("at ", StringComparison.Ordinal))
            .Select(line => line[3..].Split(" in ")[0])
            .ToList();
        if (frames.Count == 0) return "";
        string? ours = frames.FirstOrDefault(frame => frame.StartsWith("SweepCluster.", StringComparison.Ordinal));
        return $", awaited in {frames[0]}" + (ours is null || ours == frames[0] ? "" : $" from {ours}");
    }

    private static int Report(string message)
    {
        Console.Error.WriteLine($"sweepcluster: {message}");
        return ExitCode;
    }
}
