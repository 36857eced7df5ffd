using SweepCluster.Core.Sweep;

namespace SweepCluster.Core.Tests.Sweep;

public sealed class UnreachableNodesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_node_is_due_once_it_has_been_unreachable_for_the_grace_period()
    {
        var nodes = new UnreachableNodes();
        nodes.Unreachable("w1", T0);
        Assert.Empty(nodes.Due(T0.AddSeconds(4.9), Grace));
        Assert.Equal(["w1"], nodes.Due(T0.AddSeconds(5), Grace));
        // Decided once.
        Assert.Empty(nodes.Due(T0.AddSeconds(9), Grace));
    }

    [Fact]
    public void Later_failures_do_not_postpone_the_first_and_are_decided_with_it()
    {
        var nodes = new UnreachableNodes();
        nodes.Unreachable("w1", T0);
        nodes.Unreachable("w2", T0.AddSeconds(3));
        nodes.Unreachable("w1", T0.AddSeconds(4)); // a repeat keeps the first time
        nodes.Unreachable("w3", T0.AddSeconds(4.5));
        Assert.Equal(["w1", "w2", "w3"], nodes.Due(T0.AddSeconds(5), Grace));
    }

    [Fact]
    public void A_node_that_answers_again_or_leaves_is_not_due()
    {
        var nodes = new UnreachableNodes();
        nodes.Unreachable("w1", T0);
        nodes.Unreachable("w2", T0.AddSeconds(1));
        nodes.Forget("w1");
        Assert.Empty(nodes.Due(T0.AddSeconds(5.5), Grace));
        Assert.Equal(["w2"], nodes.Due(T0.AddSeconds(6), Grace));
    }
}
