using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Grid;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>What the coordinator runs: the sweep's id (its journal's persistence id is derived from it), the spec text
/// it records, the expanded grid, and the attempts each trial may use. On recovery, trials of the grid that the
/// journal lacks are added, so a grown spec only adds work.</summary>
public sealed record SweepPlan(string SweepId, string SpecYaml, IReadOnlyList<PlannedTrial> Trials, int MaxAttempts = 2)
{
    /// <summary>The most trials the coordinator hands one slot at once (the spec's pack_size), whatever the slot
    /// asks for; null: what the slot asks for.</summary>
    public int? PackSize { get; init; }

    /// <summary>The state this process already read from the journal while opening the sweep: the coordinator's first
    /// start takes it instead of replaying the journal a second time (later starts recover as usual).</summary>
    public RecoveredSweepHandoff? Recovered { get; init; }

    public string PersistenceId => PersistenceIdOf(SweepId);

    public static string PersistenceIdOf(string sweepId) => $"sweep-{sweepId}";
}
