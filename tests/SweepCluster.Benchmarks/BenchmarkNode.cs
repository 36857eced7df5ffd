using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Cluster.Workers;

namespace SweepCluster.Benchmarks;

/// <summary>A one-process cluster as `run` builds it (coordinator singleton, two CPU slots), with a no-op runner and,
/// when given, a journal; without one, Akka's in-memory journal stands in (the baseline).</summary>
internal static class BenchmarkNode
{
    public static IHost Build(SweepPlan plan, ISweepResultSink sink, NoOpRunner runner, JournalSettings? journal, Action<TimeSpan, int>? journalWritten = null)
    {
        var options = new SweepClusterOptions { Port = 0, Slots = 2, Devices = "cpu", ThreadsPerSlot = 1 };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka(options.ActorSystemName, akka =>
        {
            akka.AddHocon("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR", HoconAddMode.Prepend);
            akka.ConfigureSweepCluster(options);
            if (journal is not null) akka.WithSweepJournal(journal);
            akka.AddSweepCoordinator(plan, sink, options.CoordinatorSettings() with { JournalWritten = journalWritten });
            akka.AddTrialWorkers(runner, options.PlanSlots([], Environment.ProcessorCount));
        });
        return builder.Build();
    }
}
