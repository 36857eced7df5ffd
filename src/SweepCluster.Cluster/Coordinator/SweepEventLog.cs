using Akka.Event;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The coordinator's log line for an applied event that someone running the sweep should see: a retry, an
/// attempt given back, a discarded report. Other events say nothing (ended trials show in the progress and files).</summary>
internal static class SweepEventLog
{
    public static (LogLevel Level, string Line)? Line(ISweepEvent @event) => @event switch
    {
        TrialAttemptFailed { Final: false } failed => (LogLevel.InfoLevel,
            $"Trial {failed.TrialId} attempt {failed.Attempt} failed ({failed.Kind.Word()}: {failed.Reason}); it will be retried."),
        TrialReleased released => (LogLevel.WarningLevel, $"Trial {released.TrialId} released from {released.WorkerId}: {released.Reason}."),
        ResultDiscarded discarded => (LogLevel.InfoLevel,
            $"Discarded a report for trial {discarded.TrialId} attempt {discarded.Attempt} from {discarded.WorkerId}: {discarded.Reason}."),
        _ => null,
    };
}
