using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core.Grid;
using SweepCluster.Sessions;

namespace SweepCluster.Benchmarks;

/// <summary>The processes of <see cref="ClusterBenchmark"/>: a coordinator on a SQLite journal opened as `run` opens
/// it, with no slots of its own, and worker nodes of no-op slots that join it over loopback.</summary>
internal static class ClusterPhases
{
    /// <summary>Ended trials at which the steady window opens and closes (start-up and the tail left out).</summary>
    public const double WindowStart = 0.1, WindowEnd = 0.9;

    /// <summary>The coordinator: reports the wall clock (Unix ms) and its CPU time at both ends of the window, its
    /// journal writes and its peak memory, and stays up until every worker has left.</summary>
    public static async Task CoordinatorAsync(string spec, string dir, int port)
    {
        int writes = 0, events = 0;
        await using var opened = await new SweepOpener(journalFlag: null).ForSpecAsync(spec, dir, forceNew: false, CancellationToken.None);
        var trials = GridExpander.Expand(opened.Spec);
        var sink = new WindowSink(trials.Count);
        var node = new NodeOptions { Port = port, Roles = [SweepRoles.Coordinator] }.Build([], Environment.ProcessorCount);
        using var host = Build(node, akka => akka.WithSweepJournal(opened.Journal.Settings)
            .AddSweepCoordinator(new SweepPlan(opened.Folder.SweepId, opened.SpecYaml, trials), sink,
                node.Coordinator with { JournalWritten = (_, count) => { writes++; events += count; } }));
        var clock = Stopwatch.StartNew();
        double cpu = ChildRun.CpuMs();
        await host.StartAsync();
        var summary = await sink.Finished;
        ChildRun.Report("ms", clock.Elapsed.TotalMilliseconds);
        ChildRun.Report("cpu_ms", ChildRun.CpuMs() - cpu);
        ChildRun.Report("completed", summary.Completed);
        ChildRun.Report("writes", writes);
        ChildRun.Report("events", events);
        foreach (var (name, value) in sink.Window()) ChildRun.Report(name, value);
        await UntilAloneAsync(host.Services.GetRequiredService<ActorSystem>());
        await host.StopAsync();
        ChildRun.ReportPeakMemory();
    }

    /// <summary>A worker node of <paramref name="slots"/> no-op slots: writes each assignment's wait as "UNIX_MS WAIT_MS"
    /// lines to <paramref name="waitsFile"/> once the sweep has finished.</summary>
    public static async Task WorkerAsync(int coordinatorPort, int slots, string waitsFile)
    {
        var waits = new ConcurrentQueue<(long At, double Ms)>();
        string seed = $"akka.tcp://{SweepClusterOptions.DefaultActorSystemName}@{NodeAddresses.Loopback}:{coordinatorPort}";
        // A no-op slot needs no core of its own, so the slot plan is told there are as many cores as slots. One trial
        // per request (no packs): the coordinator's heaviest load, a request and a report for every trial.
        var node = new NodeOptions { Port = 0, Roles = [SweepRoles.Worker], SeedNodes = [seed], Slots = slots, Devices = "cpu", ThreadsPerSlot = 1, PackSize = 1 }
            .Build([], Math.Max(slots, Environment.ProcessorCount));
        var finished = new TaskCompletionSource<SweepSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = node.Workers with { AssignmentWaited = wait => waits.Enqueue((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), wait.TotalMilliseconds)) };
        using var host = Build(node, akka => akka.AddTrialWorkers(new NoOpRunner(), node.Slots, settings, finished));
        await host.StartAsync();
        await finished.Task;
        await host.StopAsync();
        await File.WriteAllLinesAsync(waitsFile, waits.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.At} {w.Ms:R}")));
        ChildRun.Report("assignments", waits.Count);
    }

    private static IHost Build(NodeConfiguration node, Action<AkkaConfigurationBuilder> roles)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka(node.Cluster.ActorSystemName, akka =>
        {
            akka.AddHocon("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR", HoconAddMode.Prepend);
            akka.ConfigureSweepCluster(node.Cluster);
            roles(akka);
        });
        return builder.Build();
    }

    /// <summary>Workers leave once they learn the sweep has finished; the coordinator waits for that (a minute at
    /// most) so that none of them is left without an answer.</summary>
    private static async Task UntilAloneAsync(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var giveUp = Stopwatch.StartNew();
        while (cluster.State.Members.Count > 1 && giveUp.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(100);
    }

    /// <summary>Counts ended trials; notes the wall clock and CPU time as the count crosses each end of the window.</summary>
    private sealed class WindowSink(int total) : ISweepResultSink
    {
        private readonly TaskCompletionSource<SweepSummary> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly int _start = (int)(total * WindowStart), _end = (int)(total * WindowEnd);
        private int _ended;
        private (long UnixMs, double CpuMs) _opened, _closed;

        public Task<SweepSummary> Finished => _finished.Task;

        public IReadOnlyList<Core.Results.CurveRow> CurvesSoFar() => [];

        public Core.Results.CurveRow? TrialEnded(Core.Trials.TrialResult result)
        {
            _ended++;
            if (_ended == _start) _opened = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ChildRun.CpuMs());
            if (_ended == _end) _closed = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ChildRun.CpuMs());
            return null;
        }

        public void SweepFinished(SweepSummary summary) => _finished.TrySetResult(summary);

        public void JournalFailed(Exception failure) => _finished.TrySetException(failure);

        public IEnumerable<(string, double)> Window() =>
        [
            ("window_trials", _end - _start), ("window_from_unix_ms", _opened.UnixMs), ("window_to_unix_ms", _closed.UnixMs),
            ("window_cpu_ms", _closed.CpuMs - _opened.CpuMs),
        ];
    }
}
