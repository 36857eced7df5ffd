using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;

namespace SweepCluster.Cluster.Tests.Coordinator;

public sealed class WorkerTerminationTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(1), MaxAttempts: 2);

    [Fact]
    public void Trial_of_a_terminated_worker_goes_to_the_next_asker_without_costing_an_attempt()
    {
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), first.Ref);
        var assigned = first.ExpectMsg<AssignTrial>(Patience);
        Coordinator.Tell(new RequestWork("node-b/slot-0", "cpu"), second.Ref);
        second.ExpectMsg<NoTrialNow>(Patience);

        Sys.Stop(first.Ref);

        second.ExpectMsg<TrialsAvailable>(Patience);
        Coordinator.Tell(new RequestWork("node-b/slot-0", "cpu"), second.Ref);
        var reassigned = second.ExpectMsg<AssignTrial>(Patience);
        Assert.Equal(assigned.TrialId, reassigned.TrialId);
        Assert.Equal(1, reassigned.Attempt);
    }

    [Fact]
    public void A_worker_that_asks_again_while_holding_a_trial_gets_the_same_assignment()
    {
        var worker = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), worker.Ref);
        var assigned = worker.ExpectMsg<AssignTrial>(Patience);

        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), worker.Ref);

        Assert.Equal((assigned.TrialId, assigned.Attempt), Pair(worker.ExpectMsg<AssignTrial>(Patience)));
        Assert.Equal(1, Status().Assigned);
    }

    private static (Core.Grid.TrialId, int) Pair(AssignTrial a) => (a.TrialId, a.Attempt);
}
