using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Workers;

/// <summary>Slots of pack size 3 over a sweep of two pack keys (widths 8 and 16, interleaved in plan order).</summary>
public sealed class PackedSweepTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private const int Trials = 14;
    private readonly PackRunner _runner = PackRunner.Completing();

    private static IReadOnlyList<PlannedTrial> TwoKeys(int count) => FakeTrials.Plan(count)
        .Select(t => t with { Config = t.Config with { Width = t.Config.Seed % 2 == 0 ? 8 : 16 } })
        .ToList();

    internal override SweepPlan Plan => new("test-sweep", "name: test", TwoKeys(Trials), MaxAttempts: 2);
    internal override ITrialRunner? Runner => _runner;
    internal override TrialWorkerSettings WorkerSettings => FastRetries with { PackSize = 3 };

    [Fact]
    public async Task Every_trial_runs_once_in_a_pack_of_one_key_and_completes_once()
    {
        await AwaitAssertAsync(() => Assert.Single(Sink.Finished), Patience);

        var ended = FakeTrials.Sorted(Sink.Results.Select(r => r.TrialId));
        Assert.Equal(FakeTrials.Sorted(Plan.Trials.Select(t => t.Id)), ended);
        Assert.Equal(ended, FakeTrials.Sorted(_runner.RunTrials)); // no trial ran twice
        Assert.NotEmpty(_runner.Packs);
        Assert.All(_runner.Packs, pack =>
        {
            Assert.InRange(pack.Count, 2, 3);
            Assert.Single(pack.Select(m => TrialPacking.Key(m.Config)).Distinct());
        });
        // 7 trials per key in packs of at most 3: at least 3 packs per key, so some hold 3.
        Assert.Contains(_runner.Packs, pack => pack.Count == 3);
        Assert.Equal((Trials, 0, 0L), (Status().Completed, Status().Failed, Status().DiscardedResults));
    }
}
