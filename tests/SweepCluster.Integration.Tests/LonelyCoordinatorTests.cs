using System.Globalization;
using System.Text.RegularExpressions;

namespace SweepCluster.Integration.Tests;

/// <summary>A coordinator with pending trials and no worker says so after 30 s (log, progress line, metric), and a
/// coordinator downed from its cluster ends with exit code 5 and one sentence instead of lingering with the journal
/// lock held.</summary>
public sealed class LonelyCoordinatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lonely-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_coordinator_without_workers_says_so_and_one_downed_exits_with_code_5_and_a_sentence()
    {
        string spec = TrialLines.WriteSpec(_folder, "lonely"), results = Path.Combine(_folder, "out");
        int port = Ports.Free(), metricsPort = Ports.Free();
        using var coordinator = new CliNode("coordinator", "coordinator", spec, "--out", results, "--port", port.ToString(CultureInfo.InvariantCulture),
            "--slots", "0", "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture));
        string Logs() => coordinator.Output;

        // 30 s of pending trials with no worker slot: the log line, the progress line and the metric all say it.
        Eventually.True(() => coordinator.Output.Contains("No worker slot has been connected for") &&
                              coordinator.Output.Contains("no worker slot connected for 30 s"), TimeSpan.FromSeconds(75), Logs);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string metrics = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        var waited = Regex.Match(metrics, @"^sweepcluster_without_workers_seconds (\S+)$", RegexOptions.Multiline);
        Assert.True(waited.Success && double.Parse(waited.Groups[1].Value, CultureInfo.InvariantCulture) >= 30, metrics);
        Assert.Matches(new Regex(@"^sweepcluster_worker_slots_connected 0$", RegexOptions.Multiline), metrics);

        // Any member may down another: the coordinator's node goes, and the process with it.
        await using (var member = await ClusterMember.JoinAsync(port, TimeSpan.FromSeconds(30)))
            member.Cluster.Down(Akka.Actor.Address.Parse($"akka.tcp://sweepcluster@127.0.0.1:{port}"));
        Assert.True(coordinator.WaitForExit(TimeSpan.FromSeconds(60)), $"the downed coordinator lingered\n{Logs()}");
        Assert.True(coordinator.ExitCode == 5, $"exit code {coordinator.ExitCode}\n{Logs()}");
        Assert.Contains("sweepcluster: this coordinator's node was removed from its cluster (downed), so it stops;", coordinator.Output);
        Assert.DoesNotContain("   at ", coordinator.Output);
        // The journal lock went with the process: the sweep can be continued at once.
        using var resumed = new CliNode("resume", "resume", results, "--slots", "1");
        string? stalled = resumed.WaitForSweepEnd(Path.Combine(results, "trials.jsonl"));
        Assert.True(stalled is null, $"{stalled}\n{resumed.Output}");
        Assert.True(resumed.ExitCode == 0, $"exit code {resumed.ExitCode}\n{resumed.Output}");
    }
}
