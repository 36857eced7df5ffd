using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The coordinator's view of the cluster's members, as its child (so on the node that holds the sweep): tells
/// it when a worker node is gone, downed or removed by anyone, and downs worker nodes that stay unreachable for the
/// resolver's stable-after (<see cref="UnreachableNodes"/>). A dead worker's trials so come back about stable-after
/// after the failure detector gave up on it, however many other workers fail or rejoin meanwhile; the resolver alone
/// restarted its wait at every such change, and the cluster ends a dead node's watches only once it is removed.
/// Never downs a coordinator node: that is the resolver's call (keep-oldest).</summary>
internal sealed class NodeWatch : ReceiveActor, IWithTimers
{
    private const string TickTimer = "tick";
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(500);

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly UnreachableNodes _unreachable = new();
    private readonly Dictionary<string, Address> _addresses = [];
    private readonly TimeSpan _grace;

    public ITimerScheduler Timers { get; set; } = null!;

    public NodeWatch(TimeSpan grace)
    {
        _grace = grace;
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Unreachable) Unreachable(member);
        });
        Receive<ClusterEvent.UnreachableMember>(e => Unreachable(e.Member));
        Receive<ClusterEvent.ReachableMember>(e => _unreachable.Forget(e.Member.Address.ToString()));
        Receive<ClusterEvent.MemberDowned>(e => Lost(e.Member.Address, "its node was downed"));
        Receive<ClusterEvent.MemberRemoved>(e => Lost(e.Member.Address, "its node left the cluster"));
        Receive<Tick>(_ => DownOverdue());
    }

    /// <summary>Props for a watch that downs worker nodes unreachable for <paramref name="grace"/>.</summary>
    public static Props Props(TimeSpan grace) => Akka.Actor.Props.Create(() => new NodeWatch(grace));

    /// <summary>The grace a coordinator gives an unreachable worker node: the split brain resolver's stable-after.</summary>
    public static TimeSpan GraceFrom(ActorSystem system) =>
        system.Settings.Config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after");

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.MemberDowned), typeof(ClusterEvent.MemberRemoved));
        Timers.StartPeriodicTimer(TickTimer, Tick.Instance, TickInterval);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Unreachable(Member member)
    {
        if (member.Address.Equals(_cluster.SelfAddress) || member.HasRole(SweepRoles.Coordinator)) return;
        string node = member.Address.ToString();
        _addresses[node] = member.Address;
        _unreachable.Unreachable(node, DateTimeOffset.UtcNow);
    }

    private void DownOverdue()
    {
        foreach (string node in _unreachable.Due(DateTimeOffset.UtcNow, _grace))
        {
            if (!_addresses.Remove(node, out var address)) continue;
            _log.Warning("Worker node {0} stayed unreachable for {1:0.#} s: downing it and giving its trials back.", node, _grace.TotalSeconds);
            _cluster.Down(address);
            Context.Parent.Tell(new WorkerNodeLost(address, $"its node was unreachable for {_grace.TotalSeconds:0.#} s and was downed"));
        }
    }

    private void Lost(Address address, string reason)
    {
        if (address.Equals(_cluster.SelfAddress)) return;
        _unreachable.Forget(address.ToString());
        _addresses.Remove(address.ToString());
        Context.Parent.Tell(new WorkerNodeLost(address, reason));
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}

/// <summary>From <see cref="NodeWatch"/> to the coordinator: every worker slot on <paramref name="Node"/> is gone. Local only.</summary>
internal sealed record WorkerNodeLost(Address Node, string Reason);
