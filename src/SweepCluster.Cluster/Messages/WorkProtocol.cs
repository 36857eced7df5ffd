using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Messages;

// The pull protocol between a worker slot and the coordinator. Workers ask; the coordinator never pushes a trial
// unasked, so a slot is never handed more than it can run.

/// <summary>An idle worker slot asks for up to <paramref name="Capacity"/> trials to train at once; answered by
/// <see cref="AssignTrial"/> (one trial), <see cref="AssignPack"/> (several) or <see cref="NoTrialNow"/>. Asking again
/// while holding assignments returns those same assignments (lost replies and restarts heal). A sender of an earlier
/// build sends no capacity and gets one trial, as before. <paramref name="NodeSlots"/> is how many slots the sender's
/// node runs, so that the first slot to ask leaves its siblings a share before they have asked.</summary>
internal sealed record RequestWork(string WorkerId, string Device, int Capacity = 1, int NodeSlots = 1) : ISweepClusterMessage;

/// <summary>Run this trial as this (1-based) attempt and report back with the same attempt number.</summary>
internal sealed record AssignTrial(TrialId TrialId, TrialConfig Config, int Attempt) : ISweepClusterMessage;

/// <summary>Run these trials (they share a pack key) together, and report each as its own <see cref="AssignTrial"/>.
/// Only a slot that asked with a capacity above 1 gets one, so a worker of an earlier build never sees it.</summary>
internal sealed record AssignPack(IReadOnlyList<AssignTrial> Trials) : ISweepClusterMessage
{
    /// <summary>What a slot is sent for these assignments: one trial as <see cref="AssignTrial"/>, several as a pack.</summary>
    public static ISweepClusterMessage For(IReadOnlyList<AssignTrial> trials) => trials.Count == 1 ? trials[0] : new AssignPack(trials);
}

/// <summary>Nothing is pending now; the coordinator remembers the asker and sends <see cref="TrialsAvailable"/> later.</summary>
internal sealed record NoTrialNow : ISweepClusterMessage
{
    public static readonly NoTrialNow Instance = new();
}

/// <summary>Work appeared (a trial was released or is to be retried): idle askers should ask again.</summary>
internal sealed record TrialsAvailable : ISweepClusterMessage
{
    public static readonly TrialsAvailable Instance = new();
}

/// <summary>A running attempt finished an epoch; also renews the attempt's lease.</summary>
internal sealed record TrialProgressReport(string WorkerId, TrialId TrialId, int Attempt, int Epoch, int Epochs, double Loss)
    : ISweepClusterMessage;

/// <summary>The runner returned a result (completed, or failed such as diverged). Resent until <see cref="ReportAccepted"/>.</summary>
internal sealed record TrialResultReport(string WorkerId, TrialId TrialId, int Attempt, TrialResult Result) : ISweepClusterMessage;

/// <summary>The runner threw: the attempt failed without a result. Resent until <see cref="ReportAccepted"/>.</summary>
internal sealed record TrialFailureReport(string WorkerId, TrialId TrialId, int Attempt, FailureKind Kind, string Reason)
    : ISweepClusterMessage;

/// <summary>The coordinator has taken a result or failure report (also when it discarded it as stale or duplicate).</summary>
internal sealed record ReportAccepted(TrialId TrialId, int Attempt) : ISweepClusterMessage;
