using SweepCluster.Cluster.Persistence;
using SweepCluster.Core;

namespace SweepCluster.Sessions.Journals;

/// <summary>The one reader of SWEEPCLUSTER_JOURNAL_TIMEOUT: the seconds one journal request may take (default
/// <see cref="JournalSettings.DefaultRequestTimeout"/>), for machines busier still, or for tests that need a request
/// to run out of time.</summary>
public static class JournalTimeoutSetting
{
    public const string Variable = "SWEEPCLUSTER_JOURNAL_TIMEOUT";

    /// <exception cref="UserInputException">The variable is set but is not a positive number of seconds.</exception>
    public static TimeSpan FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    internal static TimeSpan Parse(string? text) => SecondsVariable.Parse(Variable, text, JournalSettings.DefaultRequestTimeout);
}
