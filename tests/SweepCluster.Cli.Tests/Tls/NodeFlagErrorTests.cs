using SweepCluster.Sessions.Tls;

namespace SweepCluster.Cli.Tests.Tls;

/// <summary>The address and TLS flags as a user types them: each mistake is one sentence naming the flag and its fix,
/// exit code 2, before any port is bound.</summary>
public sealed class NodeFlagErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("node-flags-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CliProcess.Outcome Worker(string? password, params string[] flags) =>
        CliProcess.RunWith(new Dictionary<string, string?> { [NodeTlsFiles.PasswordVariable] = password },
            ["worker", "--seed", "127.0.0.1:4053", "--slots", "1", "--devices", "cpu", .. flags]);

    private static void AssertRefused(CliProcess.Outcome outcome, params string[] mentions)
    {
        Assert.Equal(2, outcome.ExitCode);
        foreach (var mention in mentions) Assert.Contains(mention, outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
        Assert.DoesNotContain("   at ", outcome.StdErr);
    }

    [Fact]
    public void Every_interface_without_public_host() =>
        AssertRefused(Worker(null, "--host", "0.0.0.0", "--insecure"), "--host 0.0.0.0", "--public-host");

    [Fact]
    public void Off_loopback_without_tls_or_insecure() =>
        AssertRefused(Worker(null, "--host", "10.11.12.13"), "--host 10.11.12.13", "--tls-cert", "--insecure");

    [Fact]
    public void A_bundle_without_its_password() =>
        AssertRefused(Worker(null, "--tls-cert", "node.p12"), "--tls-cert node.p12", NodeTlsFiles.PasswordVariable);

    [Fact]
    public void A_bundle_that_is_not_pkcs12()
    {
        string bundle = Path.Combine(_folder, "node.p12");
        File.WriteAllText(bundle, "not a bundle");
        AssertRefused(Worker("pw", "--tls-cert", bundle), $"--tls-cert {bundle}", "PKCS#12");
    }

    [Fact]
    public void A_bundle_that_does_not_exist() =>
        AssertRefused(Worker("pw", "--tls-cert", Path.Combine(_folder, "none.p12")), "--tls-cert", "does not exist");

    [Fact]
    public void Every_interface_with_a_public_host_and_insecure_runs_a_sweep_with_a_warning()
    {
        var outcome = CliProcess.Run("run", "cluster-config/sweeps/one-trial.yaml", "--out", Path.Combine(_folder, "sweep"),
            "--host", "0.0.0.0", "--public-host", "127.0.0.1", "--insecure", "--metrics-port", "0");
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.Contains("warning: --insecure", outcome.StdErr);
        Assert.Single(File.ReadAllLines(Path.Combine(_folder, "sweep", "trials.jsonl")));
    }
}
