using Akka.Cluster.Hosting;
using Akka.Hosting;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>Hosts the <see cref="SweepCoordinator"/> as a cluster singleton.</summary>
public static class SweepCoordinatorHosting
{
    /// <summary>Starts the singleton manager on this node; the coordinator itself runs on the oldest node with the
    /// <see cref="SweepRoles.Coordinator"/> role, so give this node that role. Reach it through
    /// <c>ActorRegistry.Get&lt;SweepCoordinator&gt;()</c> (the proxy from <c>ConfigureSweepCluster</c>). Ended trials
    /// reach <paramref name="sink"/> through this node's <see cref="ResultProjection"/>, which every incarnation of the
    /// coordinator here shares. The coordinator runs under <see cref="JournalBackoff"/>, so a database outage shorter
    /// than <see cref="SweepCoordinatorSettings.JournalOutageWindow"/> pauses the sweep rather than ending it.</summary>
    public static AkkaConfigurationBuilder AddSweepCoordinator(
        this AkkaConfigurationBuilder builder, SweepPlan plan, ISweepResultSink sink, SweepCoordinatorSettings? settings = null) =>
        builder.WithSingleton<SweepCoordinator>(
            SweepCoordinator.SingletonName,
            (system, _, _) =>
            {
                var coordinatorSettings = settings ?? new SweepCoordinatorSettings();
                var results = system.ActorOf(ResultProjection.Props(sink), ResultProjection.ActorName);
                return JournalBackoff.Props(SweepCoordinator.Props(plan, results, coordinatorSettings, SweepCoordinator.JournalOutageOf(coordinatorSettings)));
            },
            CoordinatorSingletonOptions(),
            createProxyToo: false);

    /// <summary>Where the singleton runs and how fast a proxy finds it; the manager here and the proxy every node
    /// registers in <c>ConfigureSweepCluster</c> use the same.</summary>
    public static ClusterSingletonOptions CoordinatorSingletonOptions() => new()
    {
        Role = SweepRoles.Coordinator,
        // Find a moved or late singleton within about a second.
        SingletonIdentificationInterval = TimeSpan.FromSeconds(1),
        // A worker waits for its coordinator as a matter of course (it may start first, or the coordinator may be
        // restarting); the proxy's "failed to find an associated singleton" warning came seconds after every start
        // and said nothing the worker does not say itself, in one sentence, when no coordinator answers in 20 s.
        LogSingletonIdentificationFailure = false,
    };
}
