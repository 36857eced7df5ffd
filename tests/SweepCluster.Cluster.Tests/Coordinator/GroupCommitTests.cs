using System.Collections.Concurrent;
using Akka.Actor;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Grid;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>What reaches the coordinator while a write is under way goes to the journal in the next write, all of it
/// together, each message decided on the state the ones before it lead to, and nothing it decided is sent before that
/// write is in. The write under way is held still inside its own completion (the journal-written hook), so every
/// message below is in the coordinator's mailbox before it goes on.</summary>
public sealed class GroupCommitTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private const int Slots = 64;
    private readonly ConcurrentQueue<int> _writes = new();
    private readonly ManualResetEventSlim _holding = new(), _release = new();
    private volatile bool _holdNextWrite;

    internal override SweepPlan Plan => new("group-sweep", "name: group", FakeTrials.Plan(2 * Slots), MaxAttempts: 2);

    internal override SweepCoordinatorSettings CoordinatorSettings => new()
    {
        JournalWritten = (_, events) =>
        {
            _writes.Enqueue(events);
            if (!_holdNextWrite) return;
            _holdNextWrite = false;
            _holding.Set();
            _release.Wait(Patience);
        },
    };

    internal override int SlotCount => 0;

    [Fact]
    public void Requests_and_reports_that_arrive_during_a_write_are_decided_in_order_and_written_as_one()
    {
        var first = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), first.Ref);
        var held = first.ExpectMsg<AssignTrial>(Patience);
        // The assignment came from the coordinator itself: a message told to it is in its mailbox when Tell returns.
        var coordinator = first.LastSender;
        var report = new TrialResultReport("node-a/slot-0", held.TrialId, held.Attempt, FakeTrials.Completed(held.TrialId, held.Config));

        _holdNextWrite = true;
        coordinator.Tell(report, first.Ref);
        Assert.True(_holding.Wait(Patience), "the report's write never completed");
        int before = _writes.Count;
        var slots = Enumerable.Range(0, Slots).Select(_ => CreateTestProbe()).ToList();
        for (int i = 0; i < Slots; i++) coordinator.Tell(new RequestWork($"node-b/slot-{i}", "cpu"), slots[i].Ref);
        // A slot that asks again before its first answer, and a copy of the report (the worker resends until answered).
        coordinator.Tell(new RequestWork("node-b/slot-0", "cpu"), slots[0].Ref);
        coordinator.Tell(report, first.Ref);
        _release.Set();

        var assigned = slots.Select(slot => slot.ExpectMsg<AssignTrial>(Patience).TrialId).ToList();
        // In the order asked, each on the state the requests before it left: the pending trials after the first one.
        Assert.Equal(Enumerable.Range(1, Slots).Select(i => new TrialId($"t-{i}")), assigned);
        // Every request, and the copy of the report (it adds no event), went into the one write after the held one.
        Assert.Equal(Slots, _writes.Skip(before).Single());
        first.ExpectMsg(new ReportAccepted(held.TrialId, 1), Patience);
        first.ExpectMsg(new ReportAccepted(held.TrialId, 1), Patience);

        // The slot that asked twice got its trial once: its second request was not answered with the attempt before
        // the journal held it, nor after. The coordinator's next message to it is the status it asks for now.
        coordinator.Tell(GetSweepStatus.Instance, slots[0].Ref);
        var status = slots[0].ExpectMsg<SweepStatusResponse>(Patience);
        Assert.Equal((1, Slots, 0L), (status.Completed, status.Assigned, status.DiscardedResults));
    }
}
