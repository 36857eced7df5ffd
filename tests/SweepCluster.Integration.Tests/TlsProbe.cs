using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SweepCluster.Integration.Tests;

/// <summary>A bare TLS client against a node's cluster port, with no Akka on this side: it trusts any server and
/// presents the certificate it is given (or none), so whether the connection survives is the server's decision alone.</summary>
internal static class TlsProbe
{
    /// <summary>True when the server completes the handshake and keeps the connection open for a few seconds;
    /// false when it refuses the handshake or closes the connection right after it (TLS 1.3 rejects a client
    /// certificate only after the client thinks the handshake is done).</summary>
    public static bool ServerAccepts(int port, X509Certificate2? clientCertificate) => ServerAccepts(IPAddress.Loopback, port, clientCertificate);

    /// <summary><see cref="ServerAccepts(int, X509Certificate2?)"/> for a server at <paramref name="address"/>.</summary>
    public static bool ServerAccepts(IPAddress address, int port, X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        tcp.Connect(address, port);
        using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            tls.AuthenticateAsClient(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate!,
            });
            var read = tls.ReadAsync(new byte[1]).AsTask();
            if (!read.Wait(TimeSpan.FromSeconds(3))) return true;
            return read.Result > 0;
        }
        catch (Exception e) when (e is IOException or AuthenticationException or AggregateException)
        {
            return false;
        }
    }
}
