using SweepCluster.Cluster.Coordinator;
using SweepCluster.Core.Grid;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>The coordinator's rules about the slots it knows, without an actor system: slot actors are plain strings
/// here ("node/slot#incarnation").</summary>
public sealed class WorkerRegistryTests
{
    [Fact]
    public void A_slot_is_watched_once_and_a_new_incarnation_replaces_the_old_which_is_unwatched()
    {
        var registry = new WorkerRegistry<string>();

        Assert.Equal(("a/0#1", null), registry.Remember("a/0", "a/0#1"));
        Assert.Equal((null, null), registry.Remember("a/0", "a/0#1"));
        Assert.Equal(("a/0#2", "a/0#1"), registry.Remember("a/0", "a/0#2"));

        Assert.Equal("a/0#2", registry.Get("a/0"));
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void Only_the_current_incarnations_death_frees_the_slot()
    {
        var registry = new WorkerRegistry<string>();
        registry.Remember("a/0", "a/0#1");
        registry.Remember("a/0", "a/0#2");

        Assert.Null(registry.Terminated("a/0#1"));
        Assert.Equal("a/0", registry.Terminated("a/0#2"));
        Assert.Null(registry.Get("a/0"));
        Assert.Equal(0, registry.Count);
        Assert.Null(registry.Terminated("a/0#2"));
    }

    [Fact]
    public void Idle_slots_are_told_of_work_once_and_a_slot_that_got_work_or_was_forgotten_is_not()
    {
        var registry = new WorkerRegistry<string>();
        foreach (string slot in new[] { "a/0", "a/1", "b/0" })
        {
            registry.Remember(slot, slot);
            registry.Idle(slot, slot);
        }
        registry.Busy("a/1");
        Assert.Equal("b/0", registry.Forget("b/0"));

        Assert.Equal(["a/0"], registry.TakeIdle());
        Assert.Empty(registry.TakeIdle());
        Assert.Null(registry.Forget("b/0"));
    }

    [Fact]
    public void An_answered_report_is_known_for_its_slot_and_attempt_until_the_slot_asks_again_or_is_forgotten()
    {
        var registry = new WorkerRegistry<string>();
        var trial = new TrialId("t-1");
        registry.Remember("a/0", "a/0#1");
        registry.Answered("a/0", trial, 1);

        Assert.True(registry.WasAnswered("a/0", trial, 1));
        Assert.False(registry.WasAnswered("a/0", trial, 2));
        Assert.False(registry.WasAnswered("a/1", trial, 1));
        registry.AskedForWork("a/0");
        Assert.False(registry.WasAnswered("a/0", trial, 1));

        registry.Answered("a/0", trial, 1);
        registry.Terminated("a/0#1");
        Assert.False(registry.WasAnswered("a/0", trial, 1));
    }

    [Fact]
    public void A_lost_nodes_slots_are_forgotten_together()
    {
        var registry = new WorkerRegistry<string>();
        foreach (string slot in new[] { "a/0", "a/1", "b/0" }) registry.Remember(slot, slot);

        var gone = registry.ForgetWhere(w => w.StartsWith("a/", StringComparison.Ordinal));

        Assert.Equal([("a/0", "a/0"), ("a/1", "a/1")], gone.OrderBy(g => g.WorkerId));
        Assert.Equal(1, registry.Count);
    }

    [Theory]
    [InlineData(4, 5)] // three slots asked (two on the asker's node of four): its two other slots will ask too
    [InlineData(1, 3)] // the node announced fewer slots than have asked from it: only those known count
    public void A_pack_is_shared_among_the_slots_that_asked_and_the_askers_siblings_to_come(int askerNodeSlots, int expected)
    {
        var registry = new WorkerRegistry<string>();
        foreach (string slot in new[] { "a/0", "a/1", "b/0" }) registry.Remember(slot, slot);

        Assert.Equal(expected, registry.SlotsCounted(askerNodeSlots, w => w.StartsWith("a/", StringComparison.Ordinal)));
    }
}
