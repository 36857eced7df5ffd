namespace SweepCluster.Cluster.Coordinator;

/// <summary>Timing of the coordinator: the lease a running attempt holds without progress, the clock, and how often
/// its state is snapshotted.</summary>
public sealed record SweepCoordinatorSettings
{
    public static readonly TimeSpan DefaultLeasePeriod = TimeSpan.FromMinutes(5);
    public const int DefaultSnapshotEvery = 1000;

    /// <summary>An attempt that reports no progress for this long is given back (its worker may be hung).</summary>
    public TimeSpan LeasePeriod { get; init; } = DefaultLeasePeriod;

    /// <summary>How often leases are checked; null means a fifth of the lease, between 1 and 30 seconds.</summary>
    public TimeSpan? LeaseCheckInterval { get; init; }

    /// <summary>Source of "now" for assignments and leases; tests pass a manual clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>A snapshot after this many persisted events, so recovery replays at most this many.</summary>
    public int SnapshotEvery { get; init; } = DefaultSnapshotEvery;

    /// <summary>Told after each journal write: how long it took from the persist call, and how many events it held
    /// (telemetry and benchmarks listen here).</summary>
    public Action<TimeSpan, int>? JournalWritten { get; init; }

    internal TimeSpan EffectiveLeaseCheckInterval => LeaseCheckInterval
        ?? TimeSpan.FromTicks(Math.Clamp(LeasePeriod.Ticks / 5, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));
}
