using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>Where the coordinator puts ended trials (e.g. a trials.jsonl writer). Called synchronously on the
/// coordinator's thread, after the event that ended the trial is in the journal, so an implementation may append
/// to a file without locking; keep it quick.</summary>
public interface ISweepResultSink
{
    /// <summary>Once per trial: completed, or failed after its last attempt (a runner exception arrives as a
    /// failed result whose reason starts with "exception:"). Trials that ended before a restart are not repeated.</summary>
    void TrialEnded(TrialResult result);

    /// <summary>Once, when every trial is completed or failed.</summary>
    void SweepFinished(SweepSummary summary);

    /// <summary>The journal could not be read or written: the coordinator stops, and the sweep with it. Everything
    /// the journal already held is kept.</summary>
    void JournalFailed(string message);
}
