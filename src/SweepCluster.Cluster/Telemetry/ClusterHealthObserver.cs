using Akka.Actor;
using Akka.Cluster;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Telemetry;

/// <summary>Keeps the member gauges of this node's view of the cluster: members by status and unreachable members,
/// recounted from the cluster state on every member or reachability event.</summary>
internal sealed class ClusterHealthObserver : ReceiveActor
{
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    public ClusterHealthObserver()
    {
        Receive<ClusterEvent.IMemberEvent>(_ => Recount());
        Receive<ClusterEvent.IReachabilityEvent>(_ => Recount());
        Receive<ClusterEvent.CurrentClusterState>(_ => Recount());
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterHealthObserver());

    public const string ActorName = "cluster-health-observer";

    protected override void PreStart()
    {
        Recount();
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Recount()
    {
        var state = _cluster.State;
        foreach (var status in Enum.GetValues<MemberStatus>())
            SweepTelemetry.ClusterMembers.WithLabels(status.ToString().ToLowerInvariant())
                .Set(state.Members.Count(m => m.Status == status));
        SweepTelemetry.UnreachableMembers.Set(state.Unreachable.Count);
    }
}
