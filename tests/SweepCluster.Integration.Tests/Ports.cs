using System.Net;
using System.Net.Sockets;

namespace SweepCluster.Integration.Tests;

/// <summary>Free loopback ports for test clusters.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
