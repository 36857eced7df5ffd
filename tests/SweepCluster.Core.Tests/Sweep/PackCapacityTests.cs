using SweepCluster.Core.Sweep;

namespace SweepCluster.Core.Tests.Sweep;

/// <summary>A pack request takes what the slot asks, within the spec's cap and a fair share of the pending trials.</summary>
public sealed class PackCapacityTests
{
    [Theory]
    [InlineData(32, null, 1000, 2, 32)] // plenty pending: what the slot asks
    [InlineData(32, 8, 1000, 2, 8)]     // the spec's pack_size caps it
    [InlineData(32, null, 16, 2, 8)]    // 16 pending over 2 slots: 8 each, not 16 on the first asker
    [InlineData(32, null, 5, 2, 3)]     // an odd tail rounds up
    [InlineData(32, null, 1, 4, 1)]     // at least one trial
    [InlineData(32, null, 10, 0, 10)]   // no slot known yet: the asker is the only one
    [InlineData(1, null, 1000, 2, 1)]   // a slot of pack size 1 gets one trial
    public void Takes_the_smallest_of_the_slots_size_the_specs_cap_and_a_fair_share(int requested, int? cap, int pending, int slots, int expected) =>
        Assert.Equal(expected, PackCapacity.For(requested, cap, pending, slots));
}
