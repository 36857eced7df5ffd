using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using SweepCluster.Core;

namespace SweepCluster.Sessions.Tls;

/// <summary>What `sweepcluster certs` wrote: the files made now and the node bundles left as they were.</summary>
public sealed record CertificatesWritten(bool AuthorityCreated, IReadOnlyList<string> Written, IReadOnlyList<string> Kept);

/// <summary>A folder of cluster certificates: ca.p12 (the CA with its key: keep it off the nodes), ca.crt (the CA's
/// public certificate) and NAME.p12 per node (its certificate, key and the CA's certificate). Running it again reuses
/// the CA and keeps existing node bundles, so nodes can be added later and a compose file may run it at every start.</summary>
public static partial class CertificateFolder
{
    public const string AuthorityBundle = "ca.p12";
    public const string AuthorityCertificate = "ca.crt";

    /// <exception cref="UserInputException">No node, a bad node name, a missing password, a CA that cannot be
    /// opened, or a folder that cannot be written; one sentence.</exception>
    public static CertificatesWritten Create(string folder, IReadOnlyList<string> nodes, string? password, string clusterName)
    {
        if (string.IsNullOrEmpty(password))
            throw new UserInputException($"certs needs a password for the bundles in the environment variable {NodeTlsFiles.PasswordVariable}; export it there (every node reads its bundle with it).");
        if (nodes.Count == 0)
            throw new UserInputException("certs needs at least one --node NAME (the node's host name, e.g. --node coordinator --node worker-1).");
        foreach (var node in nodes)
            if (!NodeName().IsMatch(node))
                throw new UserInputException($"--node '{node}' is not a host name; use letters, digits, '.', '-' and '_', e.g. --node worker-1.");
        try
        {
            Directory.CreateDirectory(folder);
            var (authority, created) = OpenOrCreateAuthority(folder, password, clusterName);
            var written = new List<string>();
            var kept = new List<string>();
            if (created)
            {
                WriteSecret(Path.Combine(folder, AuthorityBundle), ClusterCertificates.Bundle(authority, null, password));
                File.WriteAllText(Path.Combine(folder, AuthorityCertificate), authority.ExportCertificatePem() + "\n");
                written.AddRange([AuthorityBundle, AuthorityCertificate]);
            }
            foreach (var node in nodes.Distinct(StringComparer.Ordinal))
            {
                string file = $"{node}.p12";
                if (File.Exists(Path.Combine(folder, file)))
                {
                    kept.Add(file);
                    continue;
                }
                using var certificate = ClusterCertificates.IssueNode(authority, node);
                WriteSecret(Path.Combine(folder, file), ClusterCertificates.Bundle(certificate, authority, password));
                written.Add(file);
            }
            return new CertificatesWritten(created, written, kept);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{folder} cannot hold the certificates ({e.Message.TrimEnd('.')}); pick a folder you can write.");
        }
    }

    private static (X509Certificate2 Authority, bool Created) OpenOrCreateAuthority(string folder, string password, string clusterName)
    {
        string path = Path.Combine(folder, AuthorityBundle);
        if (!File.Exists(path)) return (ClusterCertificates.CreateAuthority(clusterName), true);
        try
        {
            var authority = X509CertificateLoader.LoadPkcs12Collection(File.ReadAllBytes(path), password).FirstOrDefault(c => c.HasPrivateKey);
            return authority is not null
                ? (authority, false)
                : throw new UserInputException($"{path} holds no CA key; move it away to create a new CA (every node then needs a new bundle).");
        }
        catch (CryptographicException e)
        {
            throw new UserInputException($"{path} cannot be opened with the password in {NodeTlsFiles.PasswordVariable} ({e.Message.TrimEnd('.')}); export the password it was made with.");
        }
    }

    /// <summary>Keys are readable by their owner only.</summary>
    private static void WriteSecret(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(bytes);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$")]
    private static partial Regex NodeName();
}
