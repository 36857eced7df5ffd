namespace SweepCluster.Cluster.Coordinator;

/// <summary>Timing of the coordinator: the lease a running attempt holds without progress, the clock, and how often
/// its state is snapshotted.</summary>
public sealed record SweepCoordinatorSettings
{
    /// <summary>The default lease in seconds (five minutes), as the command line takes it.</summary>
    public const int DefaultLeaseSeconds = 300;
    public static readonly TimeSpan DefaultLeasePeriod = TimeSpan.FromSeconds(DefaultLeaseSeconds);
    public const int DefaultSnapshotEvery = 1000;

    /// <summary>An attempt that reports no progress for this long is given back (its worker may be hung).</summary>
    public TimeSpan LeasePeriod { get; init; } = DefaultLeasePeriod;

    /// <summary>How often leases are checked; null means a fifth of the lease, between 1 and 30 seconds.</summary>
    public TimeSpan? LeaseCheckInterval { get; init; }

    /// <summary>Source of "now" for assignments and leases; tests pass a manual clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The fewest persisted events between two snapshots (see <see cref="SnapshotInterval"/>).</summary>
    public int SnapshotEvery { get; init; } = DefaultSnapshotEvery;

    /// <summary>A snapshot's size grows with the sweep, so a fixed spacing would make a sweep's snapshots cost the
    /// square of its size; they are spaced at least this fraction (1/N) of the trial count apart instead.</summary>
    public const int SnapshotSpacingDivisor = 4;

    /// <summary>The persisted events between two snapshots of a sweep of <paramref name="trials"/> trials: at least
    /// <see cref="SnapshotEvery"/>, and at least a quarter of the trials, so that snapshots are spaced to their size (a
    /// bounded snapshot cost per event) and recovery replays at most a quarter of the sweep's trials in events.</summary>
    public long SnapshotInterval(int trials) => Math.Max(SnapshotEvery, trials / SnapshotSpacingDivisor);

    /// <summary>How long the journal's database may stay unreachable while the sweep waits, paused, for it; longer, and
    /// the sweep stops as for any journal failure.</summary>
    public TimeSpan JournalOutageWindow { get; init; } = Persistence.JournalSettings.DefaultOutageWindow;

    /// <summary>Told when the journal's database is found unreachable (how long so far) and when it answers again (null);
    /// the command line and the metrics listen here.</summary>
    public Action<TimeSpan?>? JournalUnreachable { get; init; }

    /// <summary>Told after each journal write: how long it took from the persist call, and how many events it held
    /// (telemetry and benchmarks listen here).</summary>
    public Action<TimeSpan, int>? JournalWritten { get; init; }

    internal TimeSpan EffectiveLeaseCheckInterval => LeaseCheckInterval
        ?? TimeSpan.FromTicks(Math.Clamp(LeasePeriod.Ticks / 5, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));
}
