namespace SweepCluster.Core.Sweep;

/// <summary>When the coordinator gives up on worker nodes its failure detector marks unreachable, as a pure rule: once
/// the node unreachable longest has been so for the grace period (the resolver's stable-after), every node unreachable
/// at that moment is due. The split brain resolver restarts its stable-after wait at every reachability change, so
/// workers killed a few seconds apart kept postponing its decision (13-77 s); this clock starts per node and no other
/// node's change resets it. All at once because the cluster removes a downed node (and so ends its watches) only when
/// no other member is unreachable and not yet down.</summary>
public sealed class UnreachableNodes
{
    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);

    /// <summary>The failure detector marked <paramref name="node"/> unreachable at <paramref name="at"/> (a repeat keeps the first time).</summary>
    public void Unreachable(string node, DateTimeOffset at) => _since.TryAdd(node, at);

    /// <summary>The node answered again, or left the cluster (downed, removed): no decision about it is due.</summary>
    public void Forget(string node) => _since.Remove(node);

    /// <summary>Every unreachable node, once one of them has been unreachable for <paramref name="grace"/>; none before.
    /// The nodes returned are forgotten: each is decided once.</summary>
    public IReadOnlyList<string> Due(DateTimeOffset now, TimeSpan grace)
    {
        if (_since.Count == 0 || now - _since.Values.Min() < grace) return [];
        var due = _since.Keys.Order(StringComparer.Ordinal).ToList();
        _since.Clear();
        return due;
    }
}
