using SweepCluster.Cluster.Persistence;
using SweepCluster.Core;

namespace SweepCluster.Sessions.Journals;

/// <summary>The one reader of SWEEPCLUSTER_JOURNAL_OUTAGE: the seconds a sweep waits, paused, for a journal database it
/// cannot reach before it stops (default <see cref="JournalSettings.DefaultOutageWindow"/>).</summary>
public static class JournalOutageSetting
{
    public const string Variable = "SWEEPCLUSTER_JOURNAL_OUTAGE";

    /// <exception cref="UserInputException">The variable is set but is not a positive number of seconds.</exception>
    public static TimeSpan FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    internal static TimeSpan Parse(string? text) => SecondsVariable.Parse(Variable, text, JournalSettings.DefaultOutageWindow);
}
