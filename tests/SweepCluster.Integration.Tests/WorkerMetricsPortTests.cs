using System.Text.RegularExpressions;

namespace SweepCluster.Integration.Tests;

/// <summary>Several worker processes on one machine (one per GPU) with default flags: each takes the next free
/// metrics port from the worker default upward, and each serves /metrics there.</summary>
public sealed class WorkerMetricsPortTests
{
    [Fact]
    public async Task Two_workers_with_default_flags_both_start_and_both_serve_metrics()
    {
        // No coordinator is needed: a worker serves /metrics from its start while it tries to join the seed.
        string seed = $"127.0.0.1:{Ports.Free()}";
        string[] worker = ["worker", "--seed", seed, "--slots", "1", "--threads", "1"];
        using var first = new CliNode("worker-1", worker, new Dictionary<string, string>(), defaultMetricsPort: true);
        using var second = new CliNode("worker-2", worker, new Dictionary<string, string>(), defaultMetricsPort: true);
        string Logs() => $"worker-1:\n{first.Output}\nworker-2:\n{second.Output}";
        static string? Url(CliNode node) => Regex.Match(node.Output, @"metrics at (http://\S+/metrics)") is { Success: true } m ? m.Groups[1].Value : null;

        Eventually.True(() => Url(first) is not null && Url(second) is not null, TimeSpan.FromSeconds(60), Logs);
        Assert.False(first.HasExited || second.HasExited, Logs());
        Assert.NotEqual(Url(first), Url(second));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (string url in new[] { Url(first)!, Url(second)! })
        {
            string text = await http.GetStringAsync(url);
            Assert.Contains("# TYPE", text);
            Assert.InRange(new Uri(url).Port, 9465, 9484);
        }
    }
}
