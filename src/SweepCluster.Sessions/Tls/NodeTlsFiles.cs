using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Core;

namespace SweepCluster.Sessions.Tls;

/// <summary>A node's TLS files, read and checked once: its PKCS#12 bundle (--tls-cert, password in
/// <see cref="PasswordVariable"/>) and the cluster's CA, from --tls-ca or else from the bundle itself (where
/// `sweepcluster certs` puts it).</summary>
public static class NodeTlsFiles
{
    /// <summary>The password of a bundle lives here, never in a flag (flags show in `ps` and shell history).</summary>
    public const string PasswordVariable = "SWEEPCLUSTER_TLS_PASSWORD";

    /// <exception cref="UserInputException">A file is missing or unreadable, the password is wrong, or the node's
    /// certificate is not one the cluster's CA signed; one sentence naming the flag.</exception>
    public static ClusterTls Load(string certificateFile, string? authorityFile, string? password)
    {
        if (password is null)
            throw new UserInputException($"--tls-cert {certificateFile} needs the bundle's password in the environment variable {PasswordVariable}; export it there (it is never given as a flag).");
        var bundle = ReadBundle(certificateFile, password);
        var certificate = bundle.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new UserInputException($"--tls-cert {certificateFile} holds no private key; give the node's own bundle, as 'sweepcluster certs' writes it (NAME.p12).");
        var authority = authorityFile is not null
            ? ReadAuthority(authorityFile)
            : bundle.FirstOrDefault(c => !c.HasPrivateKey && IsAuthority(c) && c.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
              ?? throw new UserInputException($"--tls-cert {certificateFile} carries no CA certificate; give the cluster's CA with --tls-ca ca.crt.");
        if (ClusterTls.WhyNotIssuedBy(certificate, authority) is { } reason)
            throw new UserInputException($"--tls-cert {certificateFile} is not a certificate of this cluster's CA ({reason.TrimEnd('.')}); issue one with 'sweepcluster certs' from the same CA.");
        return new ClusterTls(certificate, authority);
    }

    private static X509Certificate2Collection ReadBundle(string file, string password)
    {
        byte[] bytes = ReadFile(file, "--tls-cert");
        try
        {
            return X509CertificateLoader.LoadPkcs12Collection(bytes, password);
        }
        catch (CryptographicException e)
        {
            throw new UserInputException($"--tls-cert {file} cannot be opened as a PKCS#12 bundle with the password in {PasswordVariable} ({e.Message.TrimEnd('.')}); check the file and the password.");
        }
    }

    private static X509Certificate2 ReadAuthority(string file)
    {
        byte[] bytes = ReadFile(file, "--tls-ca");
        try
        {
            var authority = System.Text.Encoding.ASCII.GetString(bytes).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(bytes))
                : X509CertificateLoader.LoadCertificate(bytes);
            if (!IsAuthority(authority))
                throw new UserInputException($"--tls-ca {file} is not a CA certificate; give the cluster's ca.crt as 'sweepcluster certs' writes it.");
            return authority;
        }
        catch (CryptographicException e)
        {
            throw new UserInputException($"--tls-ca {file} is not a certificate ({e.Message.TrimEnd('.')}); give the cluster's ca.crt (PEM or DER).");
        }
    }

    private static byte[] ReadFile(string file, string flag)
    {
        if (Directory.Exists(file))
            throw new UserInputException($"{flag} {file} is a directory; give the file itself.");
        if (!File.Exists(file))
            throw new UserInputException($"{flag} {file} does not exist; check the path (relative paths start at {Environment.CurrentDirectory}).");
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{flag} {file} cannot be read ({e.Message.TrimEnd('.')}); check its permissions.");
        }
    }

    private static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
}
