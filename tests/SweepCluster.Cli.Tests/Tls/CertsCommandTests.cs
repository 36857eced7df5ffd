using System.Security.Cryptography.X509Certificates;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Sessions.Tls;

namespace SweepCluster.Cli.Tests.Tls;

/// <summary>`sweepcluster certs` run as a user would: a CA and node bundles whose chains build against that CA.</summary>
public sealed class CertsCommandTests : IDisposable
{
    private const string Password = "s3cret";
    private readonly string _folder = Directory.CreateTempSubdirectory("certs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CliProcess.Outcome Certs(string? password, params string[] arguments) =>
        CliProcess.RunWith(new Dictionary<string, string?> { [NodeTlsFiles.PasswordVariable] = password }, ["certs", .. arguments]);

    /// <summary>Built here with the framework alone, not with the code under test: only the given CA is trusted.</summary>
    private static void AssertChainsTo(X509Certificate2 node, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new("1.3.6.1.5.5.7.3.1"));
        chain.ChainPolicy.ApplicationPolicy.Add(new("1.3.6.1.5.5.7.3.2"));
        Assert.True(chain.Build(node), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(authority.Thumbprint, chain.ChainElements[^1].Certificate.Thumbprint);
    }

    [Fact]
    public void Certs_makes_a_ca_and_node_bundles_that_chain_to_it_and_reuses_the_ca_later()
    {
        var first = Certs(Password, _folder, "--node", "coordinator", "--node", "worker-1");
        Assert.True(first.ExitCode == 0, first.StdErr);
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_folder, "ca.crt")));
        Assert.True(authority.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        foreach (var node in new[] { "coordinator", "worker-1" })
        {
            var bundle = X509CertificateLoader.LoadPkcs12CollectionFromFile(Path.Combine(_folder, $"{node}.p12"), Password);
            var certificate = bundle.Single(c => c.HasPrivateKey);
            Assert.Equal($"CN={node}, O=sweepcluster", certificate.Subject);
            Assert.Contains(bundle, c => c.Thumbprint == authority.Thumbprint);
            AssertChainsTo(certificate, authority);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, $"{node}.p12")));
        }

        // A node added later is signed by the same CA; an existing bundle is left as it was.
        byte[] coordinatorBefore = File.ReadAllBytes(Path.Combine(_folder, "coordinator.p12"));
        var second = Certs(Password, _folder, "--node", "worker-2", "--node", "coordinator");
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("cluster CA reused", second.StdOut);
        Assert.Equal(coordinatorBefore, File.ReadAllBytes(Path.Combine(_folder, "coordinator.p12")));
        AssertChainsTo(X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_folder, "worker-2.p12"), Password), authority);
        Assert.Null(ClusterTls.WhyNotIssuedBy(X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_folder, "worker-2.p12"), Password), authority));
    }

    [Theory]
    [InlineData(null, new[] { "--node", "a" }, "SWEEPCLUSTER_TLS_PASSWORD")]
    [InlineData(Password, new string[0], "--node")]
    [InlineData(Password, new[] { "--node", "../escape" }, "--node '../escape'")]
    public void A_mistake_is_one_sentence_and_exit_code_2(string? password, string[] nodes, string mentions)
    {
        var outcome = Certs(password, [_folder, .. nodes]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(mentions, outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
        Assert.False(File.Exists(Path.Combine(_folder, "ca.p12")));
    }
}
