using System.Net;
using System.Net.Sockets;

namespace SweepCluster.Cli.Tests;

public sealed class SweepCommandErrorTests
{
    [Theory]
    [InlineData("--port")]
    [InlineData("--metrics-port")]
    public void A_taken_port_is_one_sentence_and_leaves_no_results_folder(string option)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        string outDir = Path.Combine(Path.GetTempPath(), $"taken-{Guid.NewGuid():N}");
        string[] ports = option == "--port" ? ["--port", port.ToString()] : ["--port", "0", "--metrics-port", port.ToString()];

        var outcome = CliProcess.Run(["coordinator", "cluster-config/sweeps/one-trial.yaml", "--out", outDir, .. ports]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"{option} {port} on 127.0.0.1 is already in use", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_worker_s_explicit_metrics_port_that_is_taken_is_one_sentence_not_a_search()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var outcome = CliProcess.Run("worker", "--seed", "127.0.0.1:1", "--metrics-port", port.ToString());
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"--metrics-port {port} on 127.0.0.1 is already in use", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Theory]
    [InlineData("worker", "--seed", "nothing")]
    [InlineData("run", "cluster-config/sweeps/one-trial.yaml", "--slots", "0")]
    [InlineData("run", "no/such/spec.yaml")]
    [InlineData("worker", "--seed", "127.0.0.1:4053", "--metrics-port", "70000")]
    [InlineData("run", "cluster-config/sweeps/one-trial.yaml", "--metrics-port", "-1")]
    [InlineData("worker", "--seed", "127.0.0.1:4053", "--pack-size", "0")]
    [InlineData("run", "cluster-config/sweeps/one-trial.yaml", "--pack-size", "65")]
    public void Bad_sweep_arguments_are_one_sentence_with_exit_code_2(params string[] arguments)
    {
        var outcome = CliProcess.Run(arguments);
        Assert.Equal(2, outcome.ExitCode);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }
}
