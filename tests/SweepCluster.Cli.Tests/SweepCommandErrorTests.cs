using System.Net;
using System.Net.Sockets;

namespace SweepCluster.Cli.Tests;

public sealed class SweepCommandErrorTests
{
    [Fact]
    public void A_taken_port_is_one_sentence_and_leaves_no_results_folder()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        string outDir = Path.Combine(Path.GetTempPath(), $"taken-{Guid.NewGuid():N}");

        var outcome = CliProcess.Run("coordinator", "cluster-config/sweeps/one-trial.yaml", "--out", outDir, "--port", port.ToString());

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"port {port}", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("worker", "--seed", "nothing")]
    [InlineData("run", "cluster-config/sweeps/one-trial.yaml", "--slots", "0")]
    [InlineData("run", "no/such/spec.yaml")]
    [InlineData("worker", "--seed", "127.0.0.1:4053", "--metrics-port", "70000")]
    [InlineData("run", "cluster-config/sweeps/one-trial.yaml", "--metrics-port", "-1")]
    public void Bad_sweep_arguments_are_one_sentence_with_exit_code_2(params string[] arguments)
    {
        var outcome = CliProcess.Run(arguments);
        Assert.Equal(2, outcome.ExitCode);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }
}
