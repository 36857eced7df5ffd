using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Messages;

// The pull protocol between a worker slot and the coordinator. Workers ask; the coordinator never pushes a trial
// unasked, so a slot is never handed more than it can run.

/// <summary>An idle worker slot asks for a trial; answered by <see cref="AssignTrial"/> or <see cref="NoTrialNow"/>.
/// Asking again while holding an assignment returns that same assignment (lost replies and restarts heal).</summary>
public sealed record RequestWork(string WorkerId, string Device) : ISweepClusterMessage;

/// <summary>Run this trial as this (1-based) attempt and report back with the same attempt number.</summary>
public sealed record AssignTrial(TrialId TrialId, TrialConfig Config, int Attempt) : ISweepClusterMessage;

/// <summary>Nothing is pending now; the coordinator remembers the asker and sends <see cref="TrialsAvailable"/> later.</summary>
public sealed record NoTrialNow : ISweepClusterMessage
{
    public static readonly NoTrialNow Instance = new();
}

/// <summary>Work appeared (a trial was released or is to be retried): idle askers should ask again.</summary>
public sealed record TrialsAvailable : ISweepClusterMessage
{
    public static readonly TrialsAvailable Instance = new();
}

/// <summary>A running attempt finished an epoch; also renews the attempt's lease.</summary>
public sealed record TrialProgressReport(string WorkerId, TrialId TrialId, int Attempt, int Epoch, int Epochs, double Loss)
    : ISweepClusterMessage;

/// <summary>The runner returned a result (completed, or failed such as diverged). Resent until <see cref="ReportAccepted"/>.</summary>
public sealed record TrialResultReport(string WorkerId, TrialId TrialId, int Attempt, TrialResult Result) : ISweepClusterMessage;

/// <summary>The runner threw: the attempt failed without a result. Resent until <see cref="ReportAccepted"/>.</summary>
public sealed record TrialFailureReport(string WorkerId, TrialId TrialId, int Attempt, string Kind, string Reason)
    : ISweepClusterMessage;

/// <summary>The coordinator has taken a result or failure report (also when it discarded it as stale or duplicate).</summary>
public sealed record ReportAccepted(TrialId TrialId, int Attempt) : ISweepClusterMessage;
