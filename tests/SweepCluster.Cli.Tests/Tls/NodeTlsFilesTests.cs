using System.Security.Cryptography.X509Certificates;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Core;
using SweepCluster.Sessions;
using SweepCluster.Sessions.Tls;

namespace SweepCluster.Cli.Tests.Tls;

/// <summary>A node's bundle is read once, and every way it can be wrong is one sentence naming the flag.</summary>
public sealed class NodeTlsFilesTests : IDisposable
{
    private const string Password = "correct horse";
    private readonly string _folder = Directory.CreateTempSubdirectory("node-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Issue(string subfolder, string node)
    {
        string folder = Path.Combine(_folder, subfolder);
        CertificateFolder.Create(folder, [node], Password, "test");
        return Path.Combine(folder, $"{node}.p12");
    }

    [Fact]
    public void A_bundle_from_certs_carries_the_node_key_and_its_ca()
    {
        var tls = NodeTlsFiles.Load(Issue("cluster", "worker-1"), null, Password);
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal("CN=worker-1, O=sweepcluster", tls.Certificate.Subject);
        Assert.Equal(tls.Certificate.Issuer, tls.Authority.Subject);
        Assert.Null(ClusterTls.WhyNotIssuedBy(tls.Certificate, tls.Authority));
    }

    [Fact]
    public void A_ca_given_with_tls_ca_is_the_one_trusted()
    {
        string bundle = Issue("cluster", "worker-1");
        var tls = NodeTlsFiles.Load(bundle, Path.Combine(_folder, "cluster", CertificateFolder.AuthorityCertificate), Password);
        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "cluster", "ca.crt")).Trim(), tls.Authority.ExportCertificatePem().Trim());
    }

    [Fact]
    public void A_bundle_of_another_cluster_is_refused_against_this_clusters_ca()
    {
        Issue("cluster", "worker-1");
        string foreign = Issue("other", "intruder");
        var error = Assert.Throws<UserInputException>(() =>
            NodeTlsFiles.Load(foreign, Path.Combine(_folder, "cluster", CertificateFolder.AuthorityCertificate), Password));
        Assert.Contains($"--tls-cert {foreign} is not a certificate of this cluster's CA", error.Message);
    }

    [Fact]
    public void A_wrong_password_is_refused_naming_the_flag_and_the_variable()
    {
        string bundle = Issue("cluster", "worker-1");
        var error = Assert.Throws<UserInputException>(() => NodeTlsFiles.Load(bundle, null, "wrong"));
        Assert.Contains($"--tls-cert {bundle} cannot be opened", error.Message);
        Assert.Contains(NodeTlsFiles.PasswordVariable, error.Message);
    }

    [Theory]
    [InlineData("missing.p12", "does not exist")]
    [InlineData("garbage.p12", "cannot be opened as a PKCS#12 bundle")]
    [InlineData("", "is a directory")]
    public void A_bad_file_is_refused_naming_the_flag(string name, string mentions)
    {
        string path = Path.Combine(_folder, name);
        if (name == "garbage.p12") File.WriteAllText(path, "not a certificate");
        var error = Assert.Throws<UserInputException>(() => NodeTlsFiles.Load(path, null, Password));
        Assert.StartsWith($"--tls-cert {path}", error.Message);
        Assert.Contains(mentions, error.Message);
    }

    [Fact]
    public void A_node_certificate_given_as_the_ca_is_refused()
    {
        string bundle = Issue("cluster", "worker-1");
        string notCa = Path.Combine(_folder, "node.crt");
        using var node = X509CertificateLoader.LoadPkcs12FromFile(bundle, Password);
        File.WriteAllText(notCa, node.ExportCertificatePem());
        var error = Assert.Throws<UserInputException>(() => NodeTlsFiles.Load(bundle, notCa, Password));
        Assert.Contains($"--tls-ca {notCa} is not a CA certificate", error.Message);
    }

    [Fact]
    public void Build_hands_the_loaded_tls_down_to_the_cluster_settings()
    {
        var options = new NodeOptions { Host = "0.0.0.0", PublicHost = "127.0.0.1", TlsCertificateFile = Issue("cluster", "coordinator"), TlsPassword = Password, Slots = 1, Devices = "cpu" };
        var configuration = options.Build([], 2);
        Assert.NotNull(configuration.Cluster.Tls);
        Assert.Equal("akka.ssl.tcp", configuration.Cluster.Protocol);
        Assert.Equal("127.0.0.1", configuration.Cluster.PublicHost);
    }
}
