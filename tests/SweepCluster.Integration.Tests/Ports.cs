using System.Net;
using System.Net.Sockets;

namespace SweepCluster.Integration.Tests;

/// <summary>Free loopback ports for test clusters, drawn below the kernel's ephemeral range (32768-60999 on Linux): a
/// port the kernel picks for another process's bind to port 0 (a worker, a client socket) can then never take one of
/// these between the check and the coordinator's bind. A port from the ephemeral range did, once ("--port 33593 on
/// 127.0.0.1 is already in use"), and the test waited for a coordinator that had exited.</summary>
internal static class Ports
{
    private const int First = 20_000, Last = 32_767;
    private static readonly HashSet<int> Given = [];
    private static readonly Random Draw = new();

    public static int Free()
    {
        lock (Given)
            for (int tries = 1; ; tries++)
            {
                int port = Draw.Next(First, Last + 1);
                if (!Given.Add(port)) continue;
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException) when (tries < 1000)
                {
                    // Taken by something else: draw again.
                }
            }
    }
}
