using SweepCluster.Core.Grid;

namespace SweepCluster.Cluster.Messages;

/// <summary>Asks the coordinator where the sweep stands; answered by <see cref="SweepStatusResponse"/>.</summary>
public sealed record GetSweepStatus : ISweepClusterMessage
{
    public static readonly GetSweepStatus Instance = new();
}

/// <summary>Counts by phase, bookkeeping counters, the running attempts, the latest completed trial and the worker
/// slots connected to the coordinator (busy or idle), and while a large plan is still being written to the journal, how
/// far that got (null once it is whole).</summary>
public sealed record SweepStatusResponse(
    int Total,
    int Pending,
    int Assigned,
    int Completed,
    int Failed,
    long DiscardedResults,
    long Retries,
    bool Finished,
    IReadOnlyList<RunningTrialStatus> Running,
    TrialId? LatestCompleted,
    int ConnectedSlots,
    PlanProgress? Planning = null) : ISweepClusterMessage;

/// <summary>Trials of the plan written to the journal (or found there already) so far, of the plan's trials.</summary>
public sealed record PlanProgress(int Written, int Of);

/// <summary>One assigned attempt and its latest reported epoch and loss (zero epochs before its first report).</summary>
public sealed record RunningTrialStatus(TrialId TrialId, string WorkerId, int Attempt, int Epoch, int Epochs, double? Loss);
