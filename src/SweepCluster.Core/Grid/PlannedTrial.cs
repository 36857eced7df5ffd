namespace SweepCluster.Core.Grid;

/// <summary>One trial of an expanded grid: its stable id and its resolved configuration.</summary>
public sealed record PlannedTrial(TrialId Id, TrialConfig Config);
