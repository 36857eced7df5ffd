using Akka.Hosting;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Telemetry;

/// <summary>Hosts the observers that feed the metrics of this node.</summary>
public static class TelemetryHosting
{
    /// <summary>The cluster health observer on every node; the sweep observer too when <paramref name="sweepEndedBefore"/>
    /// is given (on the coordinator's node, so a sweep's counts are exported once): the trials that ended before this
    /// start, so that the curve of a resumed sweep starts whole. Call after <c>ConfigureSweepCluster</c>.</summary>
    public static AkkaConfigurationBuilder AddSweepTelemetry(this AkkaConfigurationBuilder builder, IReadOnlyList<TrialResult>? sweepEndedBefore) =>
        builder.WithActors((system, registry) =>
        {
            system.ActorOf(ClusterHealthObserver.Props(), ClusterHealthObserver.ActorName);
            if (sweepEndedBefore is not null)
                system.ActorOf(SweepObserver.Props(registry.Get<SweepCoordinator>(), TimeSpan.FromSeconds(1), sweepEndedBefore), SweepObserver.ActorName);
        });
}
