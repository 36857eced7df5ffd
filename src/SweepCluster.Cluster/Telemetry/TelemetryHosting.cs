using Akka.Hosting;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Core.Results;

namespace SweepCluster.Cluster.Telemetry;

/// <summary>Hosts the observers that feed the metrics of this node.</summary>
public static class TelemetryHosting
{
    /// <summary>The cluster health observer on every node; the sweep observer too when <paramref name="sweepCurves"/>
    /// is given (on the coordinator's node, so a sweep's counts are exported once): the curves the results folder
    /// folds, already whole for a resumed sweep. Call after <c>ConfigureSweepCluster</c>.</summary>
    public static AkkaConfigurationBuilder AddSweepTelemetry(this AkkaConfigurationBuilder builder, ICurveFeed? sweepCurves) =>
        builder.WithActors((system, registry) =>
        {
            system.ActorOf(ClusterHealthObserver.Props(), ClusterHealthObserver.ActorName);
            if (sweepCurves is not null)
                system.ActorOf(SweepObserver.Props(registry.Get<SweepCoordinator>(), TimeSpan.FromSeconds(1), curves: sweepCurves), SweepObserver.ActorName);
        });
}
