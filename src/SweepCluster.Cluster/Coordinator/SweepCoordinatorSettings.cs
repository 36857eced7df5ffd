namespace SweepCluster.Cluster.Coordinator;

/// <summary>Timing of the coordinator: the lease a running attempt holds without progress, and the clock.</summary>
public sealed record SweepCoordinatorSettings
{
    public static readonly TimeSpan DefaultLeasePeriod = TimeSpan.FromMinutes(5);

    /// <summary>An attempt that reports no progress for this long is given back (its worker may be hung).</summary>
    public TimeSpan LeasePeriod { get; init; } = DefaultLeasePeriod;

    /// <summary>How often leases are checked; null means a fifth of the lease, between 1 and 30 seconds.</summary>
    public TimeSpan? LeaseCheckInterval { get; init; }

    /// <summary>Source of "now" for assignments and leases; tests pass a manual clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal TimeSpan EffectiveLeaseCheckInterval => LeaseCheckInterval
        ?? TimeSpan.FromTicks(Math.Clamp(LeasePeriod.Ticks / 5, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));
}
