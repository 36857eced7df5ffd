namespace SweepCluster.Benchmarks;

/// <summary>The coordinator's cost at TRIALS no-op trials, every figure beside its baseline from the same run: the pure
/// SweepState transitions (the floor), a one-process sweep on Akka's in-memory journal, the same sweep on a SQLite
/// journal, and a resume of that finished sweep under a spec with one more seed (time to the first new dispatch).
/// Each sweep runs in its own child process (its peak memory is its own) on a folder made fresh for this run.</summary>
internal static class CoordinatorBenchmark
{
    public static async Task RunAsync(int trials)
    {
        if (trials < BenchmarkSpec.TrialsPerSeed || trials % BenchmarkSpec.TrialsPerSeed != 0)
            throw new ArgumentException($"TRIALS must be a multiple of {BenchmarkSpec.TrialsPerSeed}.");
        int seeds = trials / BenchmarkSpec.TrialsPerSeed;
        string folder = Directory.CreateTempSubdirectory("sweepcluster-bench-").FullName;
        try
        {
            string spec = BenchmarkSpec.Write(folder, seeds), grown = BenchmarkSpec.Write(folder, seeds + 1);
            var pure = await ChildRun.RunAsync("pure", spec);
            var memory = await ChildRun.RunAsync("sweep", "memory", spec, Path.Combine(folder, "memory"));
            var sqlite = await ChildRun.RunAsync("sweep", "sqlite", spec, Path.Combine(folder, "sqlite"));
            await ChildRun.RunAsync("results", Path.Combine(folder, "sqlite"));
            var resume = await ChildRun.RunAsync("resume", grown, Path.Combine(folder, "sqlite"));

            double memoryMs = memory["ms"] / trials, sqliteMs = sqlite["ms"] / trials;
            string Cpu(IReadOnlyDictionary<string, double> phase) => $"{phase["cpu_ms"] / trials:F3} ms CPU";
            Console.WriteLine($"{trials} no-op trials, one process, 2 slots; {Environment.ProcessorCount} cores, load {BenchmarkHost.LoadAverages()}");
            Console.WriteLine($"pure SweepState transitions:   {pure["ms"] / trials:F3} ms per trial ({Cpu(pure)}), peak RSS {pure["peak_rss_mb"]:F0} MB (the floor)");
            Console.WriteLine($"in-memory journal (baseline):  {memoryMs:F3} ms per trial ({Cpu(memory)}), peak RSS {memory["peak_rss_mb"]:F0} MB");
            Console.WriteLine($"SQLite journal:                {sqliteMs:F3} ms per trial ({Cpu(sqlite)}), peak RSS {sqlite["peak_rss_mb"]:F0} MB " +
                              $"({sqliteMs / memoryMs:F2}x the in-memory time, {sqlite["peak_rss_mb"] / memory["peak_rss_mb"]:F2}x its peak)");
            Console.WriteLine($"  {sqlite["writes"]:F0} writes of {sqlite["events"]:F0} events, mean write latency {sqlite["write_ms"] / sqlite["writes"]:F2} ms; " +
                              $"journal.db {sqlite["journal_mb"]:F1} MB, largest snapshot {sqlite["snapshot_mb"]:F2} MB; " +
                              $"managed heap at most {sqlite["gc_peak_committed_mb"]:F0} MB committed");
            Console.WriteLine($"resume at {resume["ended_before"]:F0} completed trials ({sqlite["events"]:F0} events): first new trial dispatched " +
                              $"{resume["first_dispatch_ms"] / 1000:F2} s after the start ({resume["first_dispatch_cpu_ms"] / 1000:F2} s CPU; open, check and read the journal's state {resume["open_ms"]:F0} ms, " +
                              $"{(resume["rebuilt"] > 0 ? "rebuild" : "check and load")} trials.jsonl {resume["files_ms"]:F0} ms, start the node and recover " +
                              $"{resume["first_dispatch_ms"] - resume["open_ms"] - resume["files_ms"]:F0} ms); peak RSS {resume["peak_rss_mb"]:F0} MB; " +
                              $"then {resume["completed_after"]:F0} more completed");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
