using System.Security.Cryptography.X509Certificates;

namespace SweepCluster.Integration.Tests;

/// <summary>Real processes with mutual TLS on the cluster port: only nodes holding a certificate of the cluster's CA
/// join; the others take no trial, and the sweep carries on with the nodes that belong.</summary>
public sealed class TlsClusterTests : IDisposable
{
    private const string PasswordVariable = "SWEEPCLUSTER_TLS_PASSWORD";
    private const string Password = "integration-secret";
    private static readonly Dictionary<string, string> Environment = new() { [PasswordVariable] = Password };

    private readonly string _folder = Directory.CreateTempSubdirectory("tls-cluster-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>`sweepcluster certs` into <paramref name="name"/>: a CA of its own and a bundle per node.</summary>
    private string Certs(string name, params string[] nodes)
    {
        string folder = Path.Combine(_folder, name);
        using var certs = new CliNode("certs", ["certs", folder, .. nodes.SelectMany(n => new[] { "--node", n })], Environment);
        Assert.True(certs.WaitForExit(TimeSpan.FromMinutes(2)) && certs.ExitCode == 0, certs.Output);
        return folder;
    }

    private static CliNode Worker(string name, int port, params string[] flags) =>
        new(name, ["worker", "--seed", $"127.0.0.1:{port}", "--slots", "1", "--threads", "1", .. flags], Environment);

    [Fact]
    public void A_tls_cluster_bound_to_every_interface_completes_a_sweep()
    {
        string certs = Certs("cluster", "coordinator", "worker-1", "worker-2");
        string spec = TrialLines.WriteSpec(_folder, "tls"), results = Path.Combine(_folder, "out"), jsonl = Path.Combine(results, "trials.jsonl");
        int port = Ports.Free();
        // 0.0.0.0 binds every interface; the address the workers dial (their seed) is the advertised one.
        using var coordinator = new CliNode("coordinator", ["coordinator", spec, "--out", results, "--port", port.ToString(), "--slots", "0",
            "--host", "0.0.0.0", "--public-host", "127.0.0.1", "--tls-cert", Path.Combine(certs, "coordinator.p12")], Environment);
        using var worker1 = Worker("worker-1", port, "--tls-cert", Path.Combine(certs, "worker-1.p12"));
        using var worker2 = Worker("worker-2", port, "--tls-cert", Path.Combine(certs, "worker-2.p12"));
        string Logs() => $"coordinator:\n{coordinator.Output}\nworker-1:\n{worker1.Output}\nworker-2:\n{worker2.Output}";

        string? stalled = coordinator.WaitForSweepEnd(jsonl);
        Assert.True(stalled is null, $"the TLS sweep stalled: {stalled}\n{Logs()}");
        Assert.True(coordinator.ExitCode == 0, Logs());
        var ids = TrialLines.Ids(jsonl);
        Assert.Equal(12, ids.Count);
        Assert.Equal(12, ids.Distinct().Count());
        Assert.Contains("coordinator at akka.ssl.tcp://sweepcluster@127.0.0.1:", worker1.Output);
        Assert.DoesNotContain("warning: --insecure", coordinator.Output);
    }

    [Fact]
    public void Nodes_without_a_certificate_of_the_cluster_ca_cannot_join_and_take_no_trial()
    {
        string certs = Certs("cluster", "coordinator", "worker-1");
        string foreign = Certs("foreign", "intruder");
        string spec = TrialLines.WriteSpec(_folder, "guarded"), results = Path.Combine(_folder, "out"), jsonl = Path.Combine(results, "trials.jsonl");
        int port = Ports.Free();
        using var coordinator = new CliNode("coordinator", ["coordinator", spec, "--out", results, "--port", port.ToString(), "--slots", "0",
            "--tls-cert", Path.Combine(certs, "coordinator.p12")], Environment);
        Eventually.True(() => coordinator.Output.Contains("running 0"), TimeSpan.FromMinutes(1), () => coordinator.Output);

        // A worker without TLS, and one with a certificate of another CA (whose own check would also refuse the
        // coordinator, so the bare probes below test the coordinator's side alone).
        using var plain = Worker("plain", port);
        using var intruder = Worker("intruder", port, "--tls-cert", Path.Combine(foreign, "intruder.p12"));
        string Logs() => $"coordinator:\n{coordinator.Output}\nplain:\n{plain.Output}\nintruder:\n{intruder.Output}";
        Eventually.True(() => plain.Output.Contains("no coordinator answered") && intruder.Output.Contains("no coordinator answered"),
            TimeSpan.FromMinutes(1), Logs);

        using var foreignCertificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(foreign, "intruder.p12"), Password);
        using var memberCertificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(certs, "worker-1.p12"), Password);
        Assert.False(TlsProbe.ServerAccepts(port, clientCertificate: null), "the coordinator accepted a client without a certificate");
        Assert.False(TlsProbe.ServerAccepts(port, foreignCertificate), "the coordinator accepted a certificate of another CA");
        Assert.True(TlsProbe.ServerAccepts(port, memberCertificate), "the coordinator refused a certificate of its own CA");
        Assert.Contains("Refused a TLS connection", coordinator.Output);
        Assert.Contains("CN=intruder", coordinator.Output);

        // Nothing was handed out or recorded while only intruders knocked.
        Assert.Empty(TrialLines.Ids(jsonl));
        Assert.DoesNotContain("running 1", coordinator.Output);

        // The coordinator is unharmed: a member joins and the whole sweep ends, each trial once.
        using var member = Worker("worker-1", port, "--tls-cert", Path.Combine(certs, "worker-1.p12"));
        string? stalled = coordinator.WaitForSweepEnd(jsonl);
        Assert.True(stalled is null, $"the sweep stalled with a member: {stalled}\n{Logs()}\nworker-1:\n{member.Output}");
        Assert.Equal(0, coordinator.ExitCode);
        var ids = TrialLines.Ids(jsonl);
        Assert.Equal(12, ids.Count);
        Assert.Equal(12, ids.Distinct().Count());
    }
}
