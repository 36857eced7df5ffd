using System.Net;
using System.Net.Sockets;
using SweepCluster.Core;

namespace SweepCluster.Sessions;

/// <summary>Akka would log its own bind failure with several stack traces before failing; a fixed port (the node's
/// or its metrics') that is taken is a user's matter, so it is checked before anything is written and said in one
/// sentence.</summary>
public static class PortCheck
{
    /// <exception cref="UserInputException">The node's port or its metrics port is in use.</exception>
    public static void EnsureFree(string host, int port, int metricsPort)
    {
        if (!IPAddress.TryParse(host, out var address)) return;
        if (port != 0 && IsTaken(address, port)) throw PortInUse(host, port);
        if (metricsPort != 0 && IsTaken(address, metricsPort))
            throw new UserInputException(
                $"--metrics-port {metricsPort} on {host} is already in use; pick another with --metrics-port, or 0 to turn metrics off.");
    }

    /// <summary>The sentence for a node port found taken, here or when the actor system binds it.</summary>
    public static UserInputException PortInUse(string host, int port) =>
        new($"--port {port} on {host} is already in use; pick another with --port.");

    private static bool IsTaken(IPAddress address, int port)
    {
        try
        {
            var probe = new TcpListener(address, port);
            probe.Start();
            probe.Stop();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
    }
}
