using Akka.Hosting;
using SweepCluster.Cluster.Coordinator;

namespace SweepCluster.Cluster.Telemetry;

/// <summary>Hosts the observers that feed the metrics of this node.</summary>
public static class TelemetryHosting
{
    /// <summary>The cluster health observer on every node; the sweep observer too when <paramref name="observeSweep"/>
    /// (on the node that holds the results folder, so a sweep's counts are exported once). Call after
    /// <c>ConfigureSweepCluster</c>.</summary>
    public static AkkaConfigurationBuilder AddSweepTelemetry(this AkkaConfigurationBuilder builder, bool observeSweep) =>
        builder.WithActors((system, registry) =>
        {
            system.ActorOf(ClusterHealthObserver.Props(), ClusterHealthObserver.ActorName);
            if (observeSweep)
                system.ActorOf(SweepObserver.Props(registry.Get<SweepCoordinator>(), TimeSpan.FromSeconds(1)), SweepObserver.ActorName);
        });
}
