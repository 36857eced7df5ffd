using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Sweep;

/// <summary>Where a trial stands in its lifecycle.</summary>
public enum TrialPhase { Pending, Assigned, Completed, Failed }

/// <summary>One trial of a sweep: its plan, phase, current assignment and attempts used. <see cref="Worker"/> is the
/// worker holding an assigned trial, or, on a pending trial given back, the worker that held that attempt (only it
/// may reclaim the attempt or report its result).</summary>
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
