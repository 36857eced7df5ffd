using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Coordinator;

public sealed class PullProtocolTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private readonly FakeRunner _runner = FakeRunner.Completing();

    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(5), MaxAttempts: 2);
    internal override ITrialRunner? Runner => _runner;
    internal override int SlotCount => 2;

    [Fact]
    public void Two_slots_run_five_trials_and_each_result_reaches_the_sink_exactly_once()
    {
        var observer = Subscribe();

        var finished = (SweepFinished)observer.FishForMessage(m => m is SweepFinished, Patience);
        observer.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Assert.Equal(new SweepSummary(5, 5, 0, 0, 0), finished.Summary);
        Assert.Equal(Plan.Trials.Select(t => t.Id.Value).Order(), Sink.Results.Select(r => r.TrialId.Value).Order());
        Assert.All(Sink.Results, r => Assert.Equal(TrialStatus.Completed, r.Status));
        Assert.Equal([finished.Summary], Sink.Finished);
        // Each trial ran once, off the mailbox, on a dedicated (non-pool) thread with the slot's settings.
        Assert.Equal(5, _runner.Calls.Count);
        Assert.All(_runner.Calls, c => Assert.False(c.OnPoolThread));
        Assert.All(_runner.Calls, c => Assert.Equal(("cpu", 1), (c.Device, c.Threads)));
    }
}
