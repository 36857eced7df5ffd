using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>The status counts the slots the coordinator knows alive, which is what "no worker for 30 s" reads.</summary>
public sealed class ConnectedSlotTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(3), MaxAttempts: 2);

    [Fact]
    public void Slots_that_asked_count_as_connected_until_they_stop()
    {
        Assert.Equal(0, Status().ConnectedSlots);
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), first.Ref);
        var assigned = first.ExpectMsg<AssignTrial>(Patience);
        Coordinator.Tell(new TrialResultReport("node-a/slot-0", assigned.TrialId, assigned.Attempt,
            FakeTrials.Completed(assigned.TrialId, assigned.Config)), first.Ref);
        first.ExpectMsg<ReportAccepted>(Patience);
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), first.Ref);
        first.ExpectMsg<AssignTrial>(Patience);
        Coordinator.Tell(new RequestWork("node-b/slot-0", "cpu"), second.Ref);
        second.ExpectMsg<AssignTrial>(Patience);
        Assert.Equal(2, Status().ConnectedSlots);

        Sys.Stop(second.Ref);
        AwaitCondition(() => Status().ConnectedSlots == 1, Patience);
        Sys.Stop(first.Ref);
        AwaitCondition(() => Status().ConnectedSlots == 0, Patience);
        Assert.Equal(2, Status().Pending);
    }
}
