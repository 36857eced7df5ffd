using System.Net;

namespace SweepCluster.Sessions;

/// <summary>What a node's --host, --public-host or --metrics-host means: this machine only, every interface, or one
/// address.</summary>
public static class NodeAddresses
{
    /// <summary>The loopback address a node binds and serves /metrics on unless told otherwise.</summary>
    public const string Loopback = Cluster.Hosting.SweepClusterOptions.DefaultHost;

    /// <summary>Reachable from this machine only: "localhost" or a loopback IP.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>The wildcard address, which binds every interface but names none a peer could dial.</summary>
    public static bool IsAny(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address)
        && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
}
