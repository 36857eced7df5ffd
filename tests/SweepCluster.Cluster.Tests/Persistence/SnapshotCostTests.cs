using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Serialization;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Tests.Persistence;

/// <summary>What a whole sweep's snapshots cost: with snapshots spaced to the sweep's size, the bytes snapshotted per
/// trial stay flat as the sweep grows, where one snapshot every 1,000 events made them grow with the sweep (and the
/// total with its square).</summary>
public sealed class SnapshotCostTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Runs a sweep of <paramref name="trials"/> trials through the pure state, snapshotting whenever
    /// <paramref name="interval"/> (of the trial count) events have been persisted since the last, and returns the
    /// serialized bytes of every snapshot taken, per trial.</summary>
    private double SnapshotBytesPerTrial(int trials, Func<int, long> interval)
    {
        var plan = FakeTrials.Plan(trials);
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerFor(SweepState.Empty.ToSnapshot());
        var state = SweepState.Empty;
        long sinceSnapshot = 0, bytes = 0;
        void Run(ISweepCommand command)
        {
            var events = state.Process(command);
            state = state.ApplyAll(events);
            sinceSnapshot += events.Count;
            if (sinceSnapshot < interval(state.Total)) return;
            sinceSnapshot = 0;
            bytes += serializer.ToBinary(state.ToSnapshot()).Length;
        }
        Run(new PlanTrials(plan, 2));
        foreach (var trial in plan)
        {
            Run(new RequestTrial("w", At));
            Run(new ReportTrialResult("w", trial.Id, 1, FakeTrials.Completed(trial.Id, trial.Config)));
        }
        return bytes / (double)trials;
    }

    [Fact]
    public void Snapshot_bytes_per_trial_stay_flat_as_the_sweep_grows()
    {
        var settings = new SweepCoordinatorSettings { SnapshotEvery = 100 };
        double small = SnapshotBytesPerTrial(1000, settings.SnapshotInterval), large = SnapshotBytesPerTrial(8000, settings.SnapshotInterval);
        Assert.InRange(large / small, 0.8, 1.25);
        // Every 100 events whatever the size, the same growth multiplies the bytes per trial by about the growth itself.
        double fixedSmall = SnapshotBytesPerTrial(1000, _ => 100), fixedLarge = SnapshotBytesPerTrial(8000, _ => 100);
        Assert.True(fixedLarge > 6 * fixedSmall, $"{fixedLarge:F0} vs {fixedSmall:F0} bytes per trial");
    }

    [Fact]
    public void The_interval_is_the_configured_minimum_for_small_sweeps_and_a_quarter_of_the_trials_for_large_ones()
    {
        var settings = new SweepCoordinatorSettings();
        Assert.Equal(SweepCoordinatorSettings.DefaultSnapshotEvery, settings.SnapshotInterval(10));
        Assert.Equal(25_000, settings.SnapshotInterval(100_000));
    }
}
