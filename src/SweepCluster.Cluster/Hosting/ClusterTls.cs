using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace SweepCluster.Cluster.Hosting;

/// <summary>Mutual TLS on the cluster's remoting: this node's certificate (with its private key) and the cluster's
/// certificate authority. A peer, inbound or outbound, is accepted only when its certificate chains to
/// <see cref="Authority"/>; host names are not compared, since membership is what the CA grants.</summary>
public sealed record ClusterTls(X509Certificate2 Certificate, X509Certificate2 Authority)
{
    /// <summary>The Akka address scheme of a node with (or without) TLS: the two do not talk to each other.</summary>
    public static string Protocol(bool tls) => tls ? "akka.ssl.tcp" : "akka.tcp";

    /// <summary>Null when <paramref name="certificate"/> chains to <paramref name="authority"/> and is valid now;
    /// else why not, in a few words.</summary>
    public static string? WhyNotIssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        // Only the cluster's CA is trusted: the machine's store is ignored, so a certificate from a public CA (or any
        // other) is refused too. Revocation is not checked: the cluster's CA publishes no revocation list.
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(certificate))
            return string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).DefaultIfEmpty("untrusted"));
        var root = chain.ChainElements[^1].Certificate;
        return root.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span) ? null : "it does not chain to the cluster's CA";
    }

    /// <summary>The check run in every TLS handshake, on both sides: Akka's own chain check would trust the machine's
    /// store, not the cluster's CA, so it is replaced, never added to. The TLS layer's own verdict
    /// (<c>SslPolicyErrors</c>) is ignored for the same reason: it reports the cluster's CA as untrusted.</summary>
    internal CertificateValidationCallback Validator() => (certificate, _, peer, _, log) =>
    {
        if (certificate is null)
        {
            log.Warning("Refused a TLS connection from {0}: it presented no certificate.", peer);
            return false;
        }
        if (WhyNotIssuedBy(certificate, Authority) is not { } reason) return true;
        log.Warning("Refused a TLS connection from {0}: its certificate {1} is not from this cluster's CA ({2}).",
            peer, certificate.Subject, reason);
        return false;
    };
}
