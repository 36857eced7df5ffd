using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Sessions.Tls;

namespace SweepCluster.Cluster.Tests.Hosting;

/// <summary>The check every TLS handshake of the cluster runs: only certificates the cluster's CA signed, valid now.</summary>
public sealed class ClusterTlsTests
{
    private static readonly X509Certificate2 Authority = ClusterCertificates.CreateAuthority("test");
    private static readonly X509Certificate2 OtherAuthority = ClusterCertificates.CreateAuthority("other");
    private static readonly ClusterTls Tls = new(ClusterCertificates.IssueNode(Authority, "coordinator"), Authority);

    private static bool Accepts(X509Certificate2? peer) =>
        Tls.Validator()(peer, null, "peer", SslPolicyErrors.RemoteCertificateChainErrors, NoLogger.Instance);

    [Fact]
    public void A_certificate_of_the_cluster_ca_is_accepted_whatever_the_tls_layer_thought_of_the_ca()
    {
        using var member = ClusterCertificates.IssueNode(Authority, "worker-1");
        Assert.Null(ClusterTls.WhyNotIssuedBy(member, Authority));
        Assert.True(Accepts(member));
    }

    [Fact]
    public void No_certificate_is_refused() => Assert.False(Accepts(null));

    [Fact]
    public void A_certificate_of_another_ca_is_refused()
    {
        using var intruder = ClusterCertificates.IssueNode(OtherAuthority, "worker-1");
        Assert.NotNull(ClusterTls.WhyNotIssuedBy(intruder, Authority));
        Assert.False(Accepts(intruder));
    }

    [Fact]
    public void A_self_signed_certificate_with_the_same_name_as_the_ca_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Authority.SubjectName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var impostor = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.False(Accepts(impostor));
    }

    [Fact]
    public void An_expired_certificate_of_the_cluster_ca_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=old-worker", key, HashAlgorithmName.SHA256);
        // Ended a minute ago, inside the CA's own validity (which starts five minutes before its creation).
        using var expired = request.Create(Authority, DateTimeOffset.UtcNow.AddMinutes(-4), DateTimeOffset.UtcNow.AddMinutes(-1), [1, 2, 3, 4]);
        Assert.NotNull(ClusterTls.WhyNotIssuedBy(expired, Authority));
        Assert.False(Accepts(expired));
    }

    [Fact]
    public void The_address_scheme_follows_tls()
    {
        Assert.Equal("akka.ssl.tcp", new SweepClusterOptions { Tls = Tls }.Protocol);
        Assert.Equal("akka.tcp", new SweepClusterOptions().Protocol);
    }
}
