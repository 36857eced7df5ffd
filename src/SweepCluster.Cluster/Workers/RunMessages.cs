using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Workers;

// What the runner's thread tells its own slot. These never leave the node, so they carry an Exception freely.

/// <summary>The runner finished an epoch.</summary>
internal sealed record RunProgressed(TrialId TrialId, int Attempt, TrialProgress Progress);

/// <summary>The runner returned a result.</summary>
internal sealed record RunReturned(TrialId TrialId, int Attempt, TrialResult Result);

/// <summary>The runner threw.</summary>
internal sealed record RunThrew(TrialId TrialId, int Attempt, Exception Error);

/// <summary>The slot's retry timer: ask again, or resend the pending report.</summary>
internal sealed record RetryTick
{
    public static readonly RetryTick Instance = new();
}
