using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SweepCluster.Telemetry;

namespace SweepCluster.Cli.Tests;

/// <summary>`run` beside another node that holds its default metrics port: without --metrics-port it serves /metrics
/// on the next free port of the range, as a worker does; a taken port given explicitly is still refused.</summary>
public sealed class RunMetricsPortTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("run-port-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_taken_default_metrics_port_moves_up_the_range_and_the_sweep_runs()
    {
        using var holder = HoldDefaultPort();

        var outcome = CliProcess.RunWithDefaultMetricsPort("run", "cluster-config/sweeps/one-trial.yaml", "--out", Path.Combine(_folder, "out"));

        Assert.True(outcome.ExitCode == 0, $"exit {outcome.ExitCode}: {outcome.StdOut}{outcome.StdErr}");
        var url = Regex.Match(outcome.StdOut, @"metrics at http://127\.0\.0\.1:(\d+)/metrics");
        Assert.True(url.Success, outcome.StdOut);
        Assert.InRange(int.Parse(url.Groups[1].Value), MetricsEndpoint.RunDefaultPort + 1, MetricsEndpoint.RunDefaultPort + MetricsEndpoint.WorkerPortsToTry - 1);
    }

    [Fact]
    public void A_taken_metrics_port_given_explicitly_is_one_sentence()
    {
        using var holder = HoldDefaultPort();

        var outcome = CliProcess.Run("run", "cluster-config/sweeps/one-trial.yaml", "--out", Path.Combine(_folder, "out"),
            "--metrics-port", MetricsEndpoint.RunDefaultPort.ToString());

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"--metrics-port {MetricsEndpoint.RunDefaultPort} on 127.0.0.1 is already in use", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    /// <summary>A real socket on 127.0.0.1:9466; null when another process (a run beside the tests) already holds it,
    /// which takes it just as well.</summary>
    private static TcpListener? HoldDefaultPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, MetricsEndpoint.RunDefaultPort);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            return null;
        }
    }
}
