using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;
using SweepCluster.Sessions;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Benchmarks;

/// <summary>The measured phases of <see cref="CoordinatorBenchmark"/>, each run alone in a child process on a folder
/// the parent made fresh: a sweep of no-op trials to its end (in-memory or SQLite journal), and a resume.</summary>
internal static class CoordinatorPhases
{
    public static Task RunAsync(string[] args) => args switch
    {
        ["pure", var spec] => PureState(spec),
        ["sweep", "memory", var spec, var dir] => SweepInMemoryAsync(spec, dir),
        ["sweep", "sqlite", var spec, var dir] => SweepOnSqliteAsync(spec, dir),
        ["results", var dir] => WriteResultsAsync(dir),
        ["resume", var spec, var dir] => ResumeAsync(spec, dir),
        ["cluster-coordinator", var spec, var dir, var port] => ClusterPhases.CoordinatorAsync(spec, dir, int.Parse(port, CultureInfo.InvariantCulture)),
        ["cluster-worker", var port, var slots, var file] =>
            ClusterPhases.WorkerAsync(int.Parse(port, CultureInfo.InvariantCulture), int.Parse(slots, CultureInfo.InvariantCulture), file),
        _ => throw new ArgumentException($"unknown benchmark phase '{string.Join(' ', args)}'"),
    };

    /// <summary>The floor: plan, assign and complete every trial through SweepState's Process and Apply alone.</summary>
    private static Task PureState(string spec)
    {
        var plan = GridExpander.Expand(SpecLoader.Load(spec));
        var clock = Stopwatch.StartNew();
        double cpu = ChildRun.CpuMs();
        var state = SweepState.Empty.ApplyAll(SweepState.Empty.Process(new PlanTrials(plan, 2)));
        foreach (var trial in plan)
        {
            state = state.ApplyAll(state.Process(new RequestTrial("w", DateTimeOffset.UtcNow)));
            var result = new TrialResult { TrialId = trial.Id, Config = trial.Config, Status = TrialStatus.Completed };
            state = state.ApplyAll(state.Process(new ReportTrialResult("w", trial.Id, 1, result)));
        }
        ChildRun.Report("ms", clock.Elapsed.TotalMilliseconds);
        ChildRun.Report("cpu_ms", ChildRun.CpuMs() - cpu);
        GC.KeepAlive(state);
        ChildRun.ReportPeakMemory();
        return Task.CompletedTask;
    }

    /// <summary>Starts the node and reports the wall and CPU time until its sweep of <paramref name="trials"/> finished.</summary>
    private static async Task TimeSweepAsync(Microsoft.Extensions.Hosting.IHost host, CountingSink sink, int trials)
    {
        var clock = Stopwatch.StartNew();
        double cpu = ChildRun.CpuMs();
        await host.StartAsync();
        await sink.Finished;
        ChildRun.Report("ms", clock.Elapsed.TotalMilliseconds);
        ChildRun.Report("cpu_ms", ChildRun.CpuMs() - cpu);
        ChildRun.Report("trials", trials);
    }

    /// <summary>The baseline: Akka's in-memory journal, its snapshot store in <paramref name="dir"/>.</summary>
    private static async Task SweepInMemoryAsync(string spec, string dir)
    {
        var trials = GridExpander.Expand(SpecLoader.Load(spec));
        var sink = new CountingSink();
        using var host = BenchmarkNode.Build(new SweepPlan("baseline", "", trials), sink, new NoOpRunner(), journal: null, snapshotDir: dir);
        await TimeSweepAsync(host, sink, trials.Count);
        await host.StopAsync();
        ChildRun.ReportPeakMemory();
    }

    /// <summary>A new sweep in <paramref name="dir"/>, opened as `run SPEC --out DIR` opens it.</summary>
    private static async Task SweepOnSqliteAsync(string spec, string dir)
    {
        int writes = 0, events = 0;
        double writeMs = 0;
        await using var opened = await new SweepOpener(journalFlag: null).ForSpecAsync(spec, dir, forceNew: false, CancellationToken.None);
        var trials = GridExpander.Expand(opened.Spec);
        var sink = new CountingSink();
        using var host = BenchmarkNode.Build(new SweepPlan(opened.Folder.SweepId, opened.SpecYaml, trials), sink, new NoOpRunner(), opened.Journal.Settings,
            journalWritten: (latency, count) => { writes++; events += count; writeMs += latency.TotalMilliseconds; });
        await TimeSweepAsync(host, sink, trials.Count);
        ChildRun.Report("writes", writes);
        ChildRun.Report("events", events);
        ChildRun.Report("write_ms", writeMs);
        await host.StopAsync();
        ChildRun.ReportPeakMemory();
        string file = Path.Combine(dir, SqliteJournal.FileName);
        ChildRun.Report("journal_mb", new FileInfo(file).Length / 1e6);
        ChildRun.Report("snapshot_mb", LargestSnapshotBytes(opened.Journal.Settings.ConnectionString) / 1e6);
    }

    /// <summary>Untimed: trials.jsonl as the live run's sink leaves it (the sweep phase counts its results only), projected
    /// from the whole journal as `report` does.</summary>
    private static async Task WriteResultsAsync(string dir)
    {
        var (opened, replay) = await new SweepOpener(journalFlag: null).ForReportAsync(dir, CancellationToken.None);
        await using var _ = opened;
        SweepResultFiles.Rebuild(dir, replay.Ended).Dispose();
    }

    /// <summary>`run GROWN --out DIR` on the finished sweep: lock, check and read the journal's state, check (or rebuild)
    /// trials.jsonl, start the node and recover, until the first new trial reaches a slot.</summary>
    private static async Task ResumeAsync(string grownSpec, string dir)
    {
        var clock = Stopwatch.StartNew();
        double cpu = ChildRun.CpuMs();
        await using var opened = await new SweepOpener(journalFlag: null).ForSpecAsync(grownSpec, dir, forceNew: false, CancellationToken.None);
        double openMs = clock.Elapsed.TotalMilliseconds;
        var (files, rebuilt) = await opened.OpenResultFilesAsync(CancellationToken.None);
        using var _ = files;
        double filesMs = clock.Elapsed.TotalMilliseconds - openMs;
        var runner = new NoOpRunner();
        var sink = new CountingSink();
        var plan = opened.Plan();
        using var host = BenchmarkNode.Build(plan, sink, runner, opened.Journal.Settings);
        await host.StartAsync();
        await runner.FirstTrial;
        ChildRun.Report("first_dispatch_ms", clock.Elapsed.TotalMilliseconds);
        ChildRun.Report("first_dispatch_cpu_ms", ChildRun.CpuMs() - cpu);
        ChildRun.Report("open_ms", openMs);
        ChildRun.Report("files_ms", filesMs);
        ChildRun.Report("rebuilt", rebuilt ? 1 : 0);
        ChildRun.Report("ended_before", files.Count);
        var summary = await sink.Finished;
        ChildRun.Report("completed_after", summary.Completed);
        await host.StopAsync();
        ChildRun.ReportPeakMemory();
    }

    private static long LargestSnapshotBytes(string connectionString)
    {
        using var db = new SqliteConnection(connectionString);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(LENGTH(snapshot)), 0) FROM snapshot";
        return (long)command.ExecuteScalar()!;
    }
}
