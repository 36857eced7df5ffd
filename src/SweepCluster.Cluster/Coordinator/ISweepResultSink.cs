using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>Where a sweep's ended trials go (e.g. trials.jsonl and its curves). Called by the coordinator's
/// <see cref="ResultProjection"/>, one call at a time and off the coordinator's thread, after the journal holds the event
/// that ended the trial, so an implementation may append to a file without locking. The worker's report is acknowledged,
/// and the sweep's end signalled, only after the call returns.</summary>
public interface ISweepResultSink
{
    /// <summary>The curve rows of the trials that ended before this start (a resumed sweep), for the metrics.</summary>
    IReadOnlyList<CurveRow> CurvesSoFar();

    /// <summary>Once per trial: completed, or failed after its last attempt (a runner exception arrives as a
    /// failed result whose reason starts with "exception:"). Trials that ended before a restart are not repeated.
    /// Returns the curve row the trial changed, which the metrics show; null when none changed or the sink keeps no
    /// curves. An exception is logged, and the sweep goes on: the journal holds the trial.</summary>
    CurveRow? TrialEnded(TrialResult result);

    /// <summary>Once, when every trial is completed or failed.</summary>
    void SweepFinished(SweepSummary summary);

    /// <summary>The journal could not be read or written: the coordinator stops, and the sweep with it. Everything
    /// the journal already held is kept. <paramref name="failure"/> is a <see cref="Persistence.JournalTimeoutException"/>
    /// when a request ran out of time (a busy machine), else a <see cref="Persistence.JournalException"/>; its message
    /// says what failed.</summary>
    void JournalFailed(Exception failure);
}
