using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Sweep;

/// <summary>Where a trial stands in its lifecycle.</summary>
public enum TrialPhase { Pending, Assigned, Completed, Failed }

/// <summary>One trial of a sweep: its plan, phase, current assignment and attempts used.</summary>
public sealed record TrialEntry(
    PlannedTrial Plan,
    TrialPhase Phase,
    string? Worker,
    DateTimeOffset? AssignedAt,
    int Attempts,
    string? LastFailure)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public TrialId Id => Plan.Id;
}
