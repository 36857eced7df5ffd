using Akka.Hosting;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Workers;

/// <summary>Hosts one <see cref="TrialWorker"/> per slot on this node.</summary>
public static class TrialWorkerHosting
{
    /// <summary>Starts the slots, named <c>/user/trial-worker-N</c>, talking to the coordinator through the proxy that
    /// <c>ConfigureSweepCluster</c> registers (so call that first).</summary>
    /// <param name="sweepFinished">Completed when the coordinator's sweep has finished (a worker node without a
    /// coordinator of its own); null: not watched.</param>
    public static AkkaConfigurationBuilder AddTrialWorkers(
        this AkkaConfigurationBuilder builder, ITrialRunner runner, IReadOnlyList<WorkerSlot> slots, TrialWorkerSettings? settings = null,
        TaskCompletionSource<SweepSummary>? sweepFinished = null) =>
        builder.WithActors((system, registry) =>
        {
            var coordinator = registry.Get<SweepCoordinator>();
            var perSlot = (settings ?? new TrialWorkerSettings()) with { NodeSlots = slots.Count };
            for (var i = 0; i < slots.Count; i++)
                system.ActorOf(TrialWorker.Props(coordinator, runner, i, slots[i], perSlot), TrialWorker.ActorName(i));
            if (sweepFinished is not null) system.ActorOf(SweepEndWatch.Props(coordinator, sweepFinished), "sweep-end-watch");
        });
}
