using SweepCluster.Cluster.Persistence;

namespace SweepCluster.Sessions.Journals;

/// <summary>The one reader of the journal's environment settings, each read once by each backend: how long one request
/// may take, and how long a sweep waits, paused, for a database it cannot reach.</summary>
public static class JournalVariables
{
    /// <summary>SWEEPCLUSTER_JOURNAL_TIMEOUT: for machines busier still, or for tests that need a request to run out of time.</summary>
    public static readonly SecondsVariable Timeout = new("SWEEPCLUSTER_JOURNAL_TIMEOUT", JournalSettings.DefaultRequestTimeout);

    /// <summary>SWEEPCLUSTER_JOURNAL_OUTAGE: past it the sweep stops, as for any journal failure.</summary>
    public static readonly SecondsVariable Outage = new("SWEEPCLUSTER_JOURNAL_OUTAGE", JournalSettings.DefaultOutageWindow);

    /// <summary>A backend's settings under the deadline and outage window the environment gives.</summary>
    /// <exception cref="Core.UserInputException">A variable is set but is not a positive number of seconds.</exception>
    public static JournalSettings Applied(JournalSettings settings) =>
        settings with { RequestTimeout = Timeout.FromEnvironment(), OutageWindow = Outage.FromEnvironment() };
}
