using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;

namespace SweepCluster.Cluster.Tests.Coordinator;

public sealed class DuplicateResultTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(2), MaxAttempts: 2);

    [Fact]
    public void Duplicate_result_is_acknowledged_discarded_and_counted()
    {
        var worker = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), worker.Ref);
        var assigned = worker.ExpectMsg<AssignTrial>(Patience);
        var report = new TrialResultReport("node-a/slot-0", assigned.TrialId, assigned.Attempt,
            FakeTrials.Completed(assigned.TrialId, assigned.Config));

        Coordinator.Tell(report, worker.Ref);
        worker.ExpectMsg(new ReportAccepted(assigned.TrialId, 1), Patience);
        Coordinator.Tell(report, worker.Ref);
        worker.ExpectMsg(new ReportAccepted(assigned.TrialId, 1), Patience);

        var status = Status();
        Assert.Equal((1, 1L), (status.Completed, status.DiscardedResults));
        Assert.Equal(assigned.TrialId, status.LatestCompleted);
        Assert.Single(Sink.Results);
    }
}
