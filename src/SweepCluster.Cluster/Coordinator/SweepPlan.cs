using SweepCluster.Core.Grid;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>What the coordinator plans at start: the expanded grid and the attempts each trial may use.</summary>
public sealed record SweepPlan(IReadOnlyList<PlannedTrial> Trials, int MaxAttempts = 2);
