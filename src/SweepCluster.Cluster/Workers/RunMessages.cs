using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Workers;

// What the runner's thread tells its own slot. These never leave the node, so they carry an Exception freely.

/// <summary>The runner finished an epoch of one trial.</summary>
internal sealed record RunProgressed(TrialId TrialId, int Attempt, TrialProgress Progress);

/// <summary>The runner returned one result per trial of <paramref name="Pack"/>, in its order.</summary>
internal sealed record PackReturned(IReadOnlyList<AssignTrial> Pack, IReadOnlyList<TrialResult> Results);

/// <summary>The runner threw: no trial of <paramref name="Pack"/> ran.</summary>
internal sealed record PackThrew(IReadOnlyList<AssignTrial> Pack, Exception Error);

/// <summary>The slot's retry timer: ask again, or resend the pending reports.</summary>
internal sealed record RetryTick
{
    public static readonly RetryTick Instance = new();
}
