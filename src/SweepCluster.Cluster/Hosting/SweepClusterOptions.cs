namespace SweepCluster.Cluster.Hosting;

/// <summary>Typed settings of one node's actor system: its address, its seeds and its roles. The session layer
/// checks them before they come here.</summary>
public sealed record SweepClusterOptions
{
    /// <summary>Every node of one sweep must use the same actor system name.</summary>
    public const string DefaultActorSystemName = "sweepcluster";
    /// <summary>The conventional port of a coordinator that workers use as their seed.</summary>
    public const int DefaultSeedPort = 4053;
    /// <summary>The address a node binds unless told otherwise: loopback, this machine only.</summary>
    public const string DefaultHost = "127.0.0.1";

    public string ActorSystemName { get; init; } = DefaultActorSystemName;

    /// <summary>Address to bind; loopback unless the cluster spans machines; 0.0.0.0 binds every interface and then
    /// needs <see cref="PublicHost"/>.</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>Address other nodes use to reach this one, when it differs from <see cref="Host"/> (NAT, containers).</summary>
    public string? PublicHost { get; init; }

    /// <summary>0 picks a free port: right for one process; a seed node needs a fixed one such as <see cref="DefaultSeedPort"/>.</summary>
    public int Port { get; init; }

    /// <summary>Addresses such as "akka.tcp://sweepcluster@127.0.0.1:4053". Empty: this node forms a cluster of its own.</summary>
    public string[] SeedNodes { get; init; } = [];

    /// <summary>Roles of this node; the default plays every role in one process.</summary>
    public string[] Roles { get; init; } = [SweepRoles.Coordinator, SweepRoles.Worker];

    /// <summary>Mutual TLS on remoting; null: plain TCP (loopback, or a network the user chose to trust).</summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>The scheme of this node's address and of its seeds: "akka.ssl.tcp" with TLS, else "akka.tcp".</summary>
    public string Protocol => ClusterTls.Protocol(Tls is not null);

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
