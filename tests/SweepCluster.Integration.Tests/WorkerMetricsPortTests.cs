using System.Globalization;
using System.Text.RegularExpressions;

namespace SweepCluster.Integration.Tests;

/// <summary>Several worker processes on one machine (one per GPU) with default flags: each takes the next free
/// metrics port from the worker default upward, serves /metrics there, and runs trials of the sweep.</summary>
public sealed class WorkerMetricsPortTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("worker-ports-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Workers_with_default_flags_all_start_all_serve_metrics_and_all_run_trials(int count)
    {
        // Six trials a worker, long enough (about a second each) that every worker joins before the grid runs out. One
        // trial at a time: in packs, a worker that joined first ended a small grid before a late one could join.
        string spec = TrialLines.WriteSpec(_folder, $"ports{count}", epochs: 60, seeds: count);
        string results = Path.Combine(_folder, "out"), jsonl = Path.Combine(results, "trials.jsonl");
        int port = Ports.Free();
        using var coordinator = new CliNode("coordinator", "coordinator", spec, "--out", results, "--port", port.ToString(), "--slots", "0", "--metrics-port", "0");
        string[] worker = ["worker", "--seed", $"127.0.0.1:{port}", "--slots", "1", "--threads", "1", "--pack-size", "1", "--stay"];
        var workers = Enumerable.Range(1, count)
            .Select(i => new CliNode($"worker-{i}", worker, new Dictionary<string, string>(), defaultMetricsPort: true))
            .ToList();
        try
        {
            string Logs() => string.Join("\n", workers.Prepend(coordinator).Select(n => $"{n.Name}:\n{n.Output}"));
            static string? Url(CliNode node) => Regex.Match(node.Output, @"metrics at (http://\S+/metrics)") is { Success: true } m ? m.Groups[1].Value : null;

            string? stalled = coordinator.WaitForSweepEnd(jsonl);
            Assert.True(stalled is null, $"the sweep stalled: {stalled}\n{Logs()}");
            Assert.Equal(0, coordinator.ExitCode);
            Assert.All(workers, w => Assert.False(w.HasExited, Logs()));
            var urls = workers.Select(Url).ToList();
            Assert.All(urls, url => Assert.NotNull(url));
            Assert.Equal(count, urls.Distinct().Count());

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            foreach (var (node, url) in workers.Zip(urls))
            {
                Assert.InRange(new Uri(url!).Port, 9465, 9484);
                string text = await http.GetStringAsync(url);
                // The slot's epoch gauge keeps the last epoch it trained: above 0 only where a trial ran.
                var epoch = Regex.Match(text, @"^sweepcluster_slot_epoch\{[^}]*\} (\S+)$", RegexOptions.Multiline);
                Assert.True(epoch.Success && double.Parse(epoch.Groups[1].Value, CultureInfo.InvariantCulture) > 0,
                    $"{node.Name} at {url} ran no trial\n{text}\n{Logs()}");
            }
            Assert.Equal(TrialLines.Ids(jsonl).Count, TrialLines.Ids(jsonl).Distinct().Count());
        }
        finally
        {
            foreach (var w in workers) w.Dispose();
        }
    }
}
