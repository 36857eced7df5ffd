using Akka.Actor;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>The coordinator's side of packs, with probes as worker slots: one message per pack, the same pack to a
/// slot that asks again, and a pack's leases kept by any member's progress.</summary>
public sealed class PackAssignmentTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(4), MaxAttempts: 2);

    internal override SweepCoordinatorSettings CoordinatorSettings => new()
    {
        LeasePeriod = TimeSpan.FromMinutes(5), LeaseCheckInterval = TimeSpan.FromMilliseconds(50), Clock = _clock,
    };

    [Fact]
    public void A_slot_gets_its_pack_in_one_message_and_the_same_pack_when_it_asks_again()
    {
        var packed = CreateTestProbe();
        var single = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu", Capacity: 3), packed.Ref);
        var pack = packed.ExpectMsg<AssignPack>(Patience);
        Assert.Equal(["t-0", "t-1", "t-2"], pack.Trials.Select(a => a.TrialId.Value));
        Assert.All(pack.Trials, a => Assert.Equal(1, a.Attempt));

        Coordinator.Tell(new RequestWork("node-b/slot-0", "cpu"), single.Ref);
        Assert.Equal("t-3", single.ExpectMsg<AssignTrial>(Patience).TrialId.Value);

        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu", Capacity: 3), packed.Ref);
        Assert.Equal(pack.Trials, packed.ExpectMsg<AssignPack>(Patience).Trials);
        Assert.Equal(4, Status().Assigned);
    }

    [Fact]
    public void The_first_slot_of_a_two_slot_node_takes_half_the_pending_trials_before_its_sibling_asks()
    {
        var first = CreateTestProbe();
        var sibling = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu", Capacity: 8, NodeSlots: 2), first.Ref);
        Assert.Equal(["t-0", "t-1"], first.ExpectMsg<AssignPack>(Patience).Trials.Select(a => a.TrialId.Value));

        Coordinator.Tell(new RequestWork("node-a/slot-1", "cpu", Capacity: 8, NodeSlots: 2), sibling.Ref);
        Assert.Equal("t-2", sibling.ExpectMsg<AssignTrial>(Patience).TrialId.Value); // half of the two left
    }

    [Fact]
    public void Progress_of_any_member_keeps_the_whole_pack_and_silence_gives_every_member_back()
    {
        var worker = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu", Capacity: 4), worker.Ref);
        var pack = worker.ExpectMsg<AssignPack>(Patience);
        var first = pack.Trials[0];

        // A runner that trains members one after another reports only the first for a while.
        for (var minute = 0; minute < 3; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(4));
            Coordinator.Tell(new TrialProgressReport("node-a/slot-0", first.TrialId, 1, minute + 1, 3, 0.7), worker.Ref);
            Coordinator.Tell(CheckLeases.Instance, ActorRefs.NoSender);
            Assert.Equal(4, Status().Assigned);
        }

        _clock.Advance(TimeSpan.FromMinutes(6));
        AwaitAssert(() => Assert.Equal((4, 0), (Status().Pending, Status().Assigned)), Patience);
    }
}

/// <summary>A spec's pack_size caps what a slot gets, whatever it asks for.</summary>
public sealed class SpecPackSizeTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(4), MaxAttempts: 2) { PackSize = 2 };

    [Fact]
    public void A_slot_asking_for_more_than_the_specs_pack_size_gets_that_many()
    {
        var worker = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu", Capacity: 8), worker.Ref);
        Assert.Equal(["t-0", "t-1"], worker.ExpectMsg<AssignPack>(Patience).Trials.Select(a => a.TrialId.Value));
    }
}
