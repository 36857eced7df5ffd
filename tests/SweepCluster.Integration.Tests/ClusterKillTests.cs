using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace SweepCluster.Integration.Tests;

/// <summary>Real sweepcluster processes on 127.0.0.1: a coordinator, two workers, one killed with SIGKILL mid-sweep.</summary>
public sealed class ClusterKillTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cluster-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>12 trials of about a second each, so the kill lands while both workers are busy.</summary>
    private string WriteSpec()
    {
        string path = Path.Combine(_folder, "kill.yaml");
        File.WriteAllText(path, """
            name: kill
            dataset:
              classes: 3
              dimension: 10
              test_size: 500
            training:
              optimizer: sgld
              epochs: 60
              batch_size: 32
              clip: 5
            information:
              eval_points: 64
              noise_paths: 2
            grid:
              depth: [1, 2, 3]
              width: 8
              act_noise: [0.5, 1.0]
              sgld_noise: 0.001
              train_size: 1000
            seeds: 2
            """);
        return path;
    }

    private static IReadOnlyList<JsonObject> Lines(string jsonl) =>
        File.Exists(jsonl)
            ? File.ReadAllLines(jsonl).Where(l => l.EndsWith('}')).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];

    [Fact]
    public void Every_trial_ends_exactly_once_after_a_worker_is_killed()
    {
        string spec = WriteSpec(), results = Path.Combine(_folder, "out"), jsonl = Path.Combine(results, "trials.jsonl");
        int port = Ports.Free();
        using var coordinator = new CliNode("coordinator", "coordinator", spec, "--out", results, "--port", port.ToString(), "--slots", "0", "--metrics-port", "0");
        using var victim = new CliNode("worker-1", "worker", "--seed", $"127.0.0.1:{port}", "--slots", "1", "--threads", "1", "--metrics-port", "0");
        using var survivor = new CliNode("worker-2", "worker", "--seed", $"127.0.0.1:{port}", "--slots", "1", "--threads", "1", "--metrics-port", "0");
        string Logs() => $"coordinator:\n{coordinator.Output}\nworker-1:\n{victim.Output}\nworker-2:\n{survivor.Output}";

        Eventually.True(() => Lines(jsonl).Count >= 2, TimeSpan.FromMinutes(2), Logs);
        var killedAt = DateTime.UtcNow;
        victim.Kill();

        Assert.True(coordinator.WaitForExit(TimeSpan.FromMinutes(4)), $"the sweep did not finish after the kill\n{Logs()}");
        Assert.Equal(0, coordinator.ExitCode);
        var ended = Lines(jsonl);
        Assert.Equal(12, ended.Count);
        Assert.Equal(12, ended.Select(l => l["trial_id"]!.GetValue<string>()).Distinct().Count());
        Assert.All(ended, l => Assert.Equal("completed", l["status"]!.GetValue<string>()));
        Assert.True(File.Exists(Path.Combine(results, "curves.csv")), Logs());

        // The victim was mid-trial: the coordinator gave that trial back (then it ran again on the survivor).
        var released = Regex.Match(coordinator.Output, @"\[(\d+/\d+/\d+ [\d:.]+)Z\][^\n]*released from akka\.tcp://[^\n]*");
        Assert.True(released.Success, $"no trial was released after the kill\n{Logs()}");
        var releasedAt = DateTime.ParseExact(released.Groups[1].Value, "MM/dd/yyyy HH:mm:ss.fff", CultureInfo.InvariantCulture);
        Console.WriteLine($"trial released {(releasedAt - killedAt).TotalSeconds:F1} s after the SIGKILL: {released.Value}");
    }
}
