using System.Diagnostics;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Sessions;

namespace SweepCluster.Benchmarks;

/// <summary>A sweep of SEEDS x 1,000 no-op trials run to the end on a SQLite journal (the journal's write cost per trial,
/// against the same sweep on Akka's in-memory journal in this process), then resumed under a spec with one more seed:
/// the time from the start of the resume to the first new trial reaching a slot, the way `run --out DIR` resumes
/// (lock, read and check the journal, rebuild trials.jsonl, start the node, recover from the snapshot).</summary>
internal static class ResumeBenchmark
{
    public static async Task RunAsync(int seeds)
    {
        string folder = Directory.CreateTempSubdirectory("resume-benchmark-").FullName;
        try
        {
            string dir = Path.Combine(folder, "sweep");
            string spec = WriteSpec(folder, seeds), grown = WriteSpec(folder, seeds + 1);

            double baselineMs = await RunInMemoryAsync(spec);
            var (trials, journalMs, writes, events, writeMs) = await RunOnJournalAsync(spec, dir);
            Console.WriteLine($"{trials} trials, 2 slots, no-op runner");
            Console.WriteLine($"in-memory journal: {baselineMs:F0} ms, {baselineMs / trials:F3} ms per trial");
            Console.WriteLine($"SQLite journal:    {journalMs:F0} ms, {journalMs / trials:F3} ms per trial " +
                              $"({journalMs / baselineMs:F1}x the in-memory run); {writes} writes of {events} events, " +
                              $"mean write latency {writeMs / writes:F2} ms, {writeMs / trials:F2} ms of writes per trial");
            Console.WriteLine($"journal.db: {new FileInfo(Path.Combine(dir, JournalSettings.SqliteFileName)).Length / 1e6:F1} MB");

            var clock = Stopwatch.StartNew();
            await using var opened = await new SweepOpener(journalFlag: null).ForSpecAsync(grown, dir, forceNew: false, CancellationToken.None);
            double openMs = clock.Elapsed.TotalMilliseconds;
            using var files = SweepResultFiles.Rebuild(dir, opened.Replay!.Ended);
            double rebuildMs = clock.Elapsed.TotalMilliseconds - openMs;
            var runner = new NoOpRunner();
            var sink = new CountingSink();
            var plan = new SweepPlan(opened.Folder.SweepId, opened.SpecYaml, GridExpander.Expand(opened.Spec), 2);
            using var host = BenchmarkNode.Build(plan, sink, runner, opened.Journal);
            await host.StartAsync();
            await runner.FirstTrial;
            double firstMs = clock.Elapsed.TotalMilliseconds;
            var summary = await sink.Finished;
            await host.StopAsync();
            Console.WriteLine($"resume with {opened.Replay.Ended.Count} completed trials in the journal ({opened.Replay.Events} events): " +
                              $"first new trial dispatched {firstMs / 1000:F2} s after the start " +
                              $"(open, check and read the journal {openMs:F0} ms, rebuild trials.jsonl {rebuildMs:F0} ms, " +
                              $"start the node and recover {firstMs - openMs - rebuildMs:F0} ms); then {summary.Completed} of {summary.Total} completed");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            BenchmarkNode.DeleteSnapshots();
        }
    }

    private static async Task<double> RunInMemoryAsync(string spec)
    {
        var trials = GridExpander.Expand(Core.Spec.SpecLoader.Load(spec));
        var sink = new CountingSink();
        using var host = BenchmarkNode.Build(new SweepPlan("baseline", "", trials), sink, new NoOpRunner(), journal: null);
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        await sink.Finished;
        double ms = clock.Elapsed.TotalMilliseconds;
        await host.StopAsync();
        return ms;
    }

    private static async Task<(int Trials, double Ms, int Writes, int Events, double WriteMs)> RunOnJournalAsync(string spec, string dir)
    {
        int writes = 0, events = 0;
        double writeMs = 0;
        await using var opened = await new SweepOpener(journalFlag: null).ForSpecAsync(spec, dir, forceNew: false, CancellationToken.None);
        var trials = GridExpander.Expand(opened.Spec);
        var sink = new CountingSink();
        using var host = BenchmarkNode.Build(new SweepPlan(opened.Folder.SweepId, opened.SpecYaml, trials), sink, new NoOpRunner(), opened.Journal,
            (latency, count) => { writes++; events += count; writeMs += latency.TotalMilliseconds; });
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        await sink.Finished;
        double ms = clock.Elapsed.TotalMilliseconds;
        await host.StopAsync();
        return (trials.Count, ms, writes, events, writeMs);
    }

    /// <summary>10 depths x 10 widths x 10 noise levels x SEEDS: 1,000 trials per seed.</summary>
    private static string WriteSpec(string folder, int seeds)
    {
        string path = Path.Combine(folder, $"sweep-{seeds}.yaml");
        File.WriteAllText(path, $"""
            name: resume-benchmark
            grid:
              depth: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
              width: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20]
              act_noise: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
            seeds: {seeds}
            """);
        return path;
    }
}
