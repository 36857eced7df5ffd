using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Cluster.Workers;
using SweepCluster.Sessions;

namespace SweepCluster.Benchmarks;

/// <summary>A one-process cluster as `run` builds it (coordinator singleton, two CPU slots), with a no-op runner and,
/// when given, a journal; without one, Akka's in-memory journal stands in (the baseline).</summary>
internal static class BenchmarkNode
{
    /// <param name="snapshotDir">Without a journal: the run's own folder, where the local snapshot store writes.</param>
    public static IHost Build(SweepPlan plan, ISweepResultSink sink, NoOpRunner runner, JournalSettings? journal,
        string? snapshotDir = null, Action<TimeSpan, int>? journalWritten = null)
    {
        var node = new NodeOptions { Port = 0, Slots = 2, Devices = "cpu", ThreadsPerSlot = 1 }.Build([], Environment.ProcessorCount);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka(node.Cluster.ActorSystemName, akka =>
        {
            akka.AddHocon("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR", HoconAddMode.Prepend);
            akka.ConfigureSweepCluster(node.Cluster);
            if (journal is not null) akka.WithSweepJournal(journal);
            // Without a journal, Akka's in-memory journal and its default local snapshot store stand in; the store
            // writes files, so it is pointed at the run's fresh folder rather than ./snapshots.
            else
            {
                string dir = Path.Combine(snapshotDir ?? throw new ArgumentNullException(nameof(snapshotDir)), "snapshots");
                akka.AddHocon($"akka.persistence.snapshot-store.local.dir = \"{dir.Replace("\\", "/")}\"", HoconAddMode.Append);
            }
            akka.AddSweepCoordinator(plan, sink, node.Coordinator with { JournalWritten = journalWritten });
            akka.AddTrialWorkers(runner, node.Slots);
        });
        return builder.Build();
    }
}
