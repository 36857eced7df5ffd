using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SweepCluster.Sessions.Tls;

/// <summary>A small cluster's own certificate authority and its node certificates, made with the framework alone.
/// Every node certificate serves both ends of a connection (server and client authentication), since each node of
/// the cluster both dials and is dialled.</summary>
public static class ClusterCertificates
{
    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);
    public static readonly TimeSpan NodeLifetime = TimeSpan.FromDays(730);

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>A self-signed CA (ECDSA P-256) that may sign node certificates only, not further CAs.</summary>
    public static X509Certificate2 CreateAuthority(string clusterName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={clusterName} CA, O=sweepcluster", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(AuthorityLifetime));
    }

    /// <summary>A node certificate with its private key, signed by <paramref name="authority"/> (which must hold its
    /// key). <paramref name="nodeName"/> becomes the subject and a DNS (or IP) subject alternative name.</summary>
    public static X509Certificate2 IssueNode(X509Certificate2 authority, string nodeName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={nodeName}, O=sweepcluster", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(ServerAuthentication), new Oid(ClientAuthentication)], false));
        var names = new SubjectAlternativeNameBuilder();
        if (System.Net.IPAddress.TryParse(nodeName, out var address)) names.AddIpAddress(address);
        else names.AddDnsName(nodeName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var now = DateTimeOffset.UtcNow;
        // A node certificate never outlives the CA that vouches for it.
        var notAfter = now.Add(NodeLifetime) < authority.NotAfter ? now.Add(NodeLifetime) : new DateTimeOffset(authority.NotAfter);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(authority, now.AddMinutes(-5), notAfter, serial);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>A password-protected PKCS#12 bundle of <paramref name="certificate"/> (with its key) and, when given,
    /// the CA's public certificate, so that one file is all a node needs.</summary>
    public static byte[] Bundle(X509Certificate2 certificate, X509Certificate2? authority, string password)
    {
        var collection = new X509Certificate2Collection(certificate);
        if (authority is not null) collection.Add(X509CertificateLoader.LoadCertificate(authority.RawData));
        return collection.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }
}
