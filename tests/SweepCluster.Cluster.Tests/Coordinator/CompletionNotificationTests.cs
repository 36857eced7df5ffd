using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;

namespace SweepCluster.Cluster.Tests.Coordinator;

public sealed class CompletionNotificationTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(2), MaxAttempts: 2);

    [Fact]
    public void Subscriber_hears_each_trial_end_then_the_sweep_finish_once_an_end_only_one_the_finish_alone_and_a_late_one_the_finish()
    {
        var observer = Subscribe();
        var endOnly = Subscribe(endOnly: true);
        var worker = CreateTestProbe();

        for (var i = 0; i < 2; i++)
        {
            Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), worker.Ref);
            var assigned = worker.ExpectMsg<AssignTrial>(Patience);
            Coordinator.Tell(new TrialResultReport("node-a/slot-0", assigned.TrialId, assigned.Attempt,
                FakeTrials.Completed(assigned.TrialId, assigned.Config)), worker.Ref);
            worker.ExpectMsg<ReportAccepted>(Patience);
        }

        Assert.Equal(("t-0", 1), Ended(observer.ExpectMsg<TrialEnded>(Patience)));
        Assert.Equal(("t-1", 1), Ended(observer.ExpectMsg<TrialEnded>(Patience)));
        Assert.Equal(new SweepSummary(2, 2, 0, 0, 0), observer.ExpectMsg<SweepFinished>(Patience).Summary);
        observer.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Single(Sink.Finished);
        // A worker node's end-only subscription hears the finish and no trial.
        Assert.Equal(2, endOnly.ExpectMsg<SweepFinished>(Patience).Summary.Completed);
        endOnly.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        var late = Subscribe();
        Assert.Equal(2, late.ExpectMsg<SweepFinished>(Patience).Summary.Completed);
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), worker.Ref);
        worker.ExpectMsg<NoTrialNow>(Patience);
    }

    private static (string, int) Ended(TrialEnded ended) => (ended.Result.TrialId.Value, ended.Attempts);
}
