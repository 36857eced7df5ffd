using SweepCluster.Cluster.Messages;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>Assignments applied but not yet sent: a command's events are persisted together, and what they assign one
/// slot goes out as one message, so a pack arrives whole.</summary>
internal sealed class PackOutbox
{
    private readonly Dictionary<string, List<AssignTrial>> _outgoing = [];

    public void Add(string workerId, AssignTrial assignment)
    {
        if (!_outgoing.TryGetValue(workerId, out var pack)) _outgoing[workerId] = pack = [];
        pack.Add(assignment);
    }

    /// <summary>Every slot's pack, once; the outbox is empty afterwards.</summary>
    public IReadOnlyList<(string WorkerId, ISweepClusterMessage Pack)> Drain()
    {
        var packs = _outgoing.Select(o => (o.Key, AssignPack.For(o.Value))).ToList();
        _outgoing.Clear();
        return packs;
    }
}
