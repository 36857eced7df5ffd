using Akka.Actor;
using Akka.Hosting;
using Akka.Hosting.TestKit;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Support;

/// <summary>A one-node cluster built by the production hosting setup (remoting on a free loopback port, clustering,
/// serializer, coordinator singleton), with a recording sink and, when a test class gives a runner, worker slots.
/// Each test class is one scenario: it overrides the plan, settings or runner.</summary>
public abstract class SweepClusterTestKit(ITestOutputHelper output)
    : TestKit(SweepClusterOptions.DefaultActorSystemName, output, TimeSpan.FromSeconds(20), LogLevel.Warning)
{
    /// <summary>Generous: the singleton starts only once the node has joined itself.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    internal virtual RecordingSink Sink { get; } = new();

    internal virtual SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(2), MaxAttempts: 2);

    internal virtual SweepCoordinatorSettings CoordinatorSettings => new();

    /// <summary>Null: no worker slots; the test plays the workers with probes.</summary>
    internal virtual ITrialRunner? Runner => null;

    internal virtual int SlotCount => 2;

    /// <summary>This node's options: by default one process playing every role on a free loopback port.</summary>
    internal virtual SweepClusterOptions NodeOptions => new() { Port = 0 };

    internal static TrialWorkerSettings FastRetries { get; } = new() { RetryInterval = TimeSpan.FromMilliseconds(500) };

    /// <summary>The worker slots' settings: fast retries, one trial at a time unless a test class packs.</summary>
    internal virtual TrialWorkerSettings WorkerSettings => FastRetries;

    /// <summary>The singleton proxy, as every production node reaches the coordinator.</summary>
    protected IActorRef Coordinator => ActorRegistry.Get<SweepCoordinator>();

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        builder
            .ConfigureSweepCluster(NodeOptions)
            .AddSweepCoordinator(Plan, Sink, CoordinatorSettings);
        if (Runner is { } runner)
            builder.AddTrialWorkers(runner, Enumerable.Repeat(new WorkerSlot("cpu", 1), SlotCount).ToList(), WorkerSettings);
    }

    /// <summary>Asks the coordinator for its status through a fresh probe (so it never eats a test's messages).</summary>
    protected SweepStatusResponse Status()
    {
        var probe = CreateTestProbe();
        Coordinator.Tell(GetSweepStatus.Instance, probe.Ref);
        return probe.ExpectMsg<SweepStatusResponse>(Patience);
    }

    /// <summary>Subscribes a new probe and waits for the acknowledgement.</summary>
    /// <param name="endOnly">To the sweep's end alone, as a worker node subscribes.</param>
    protected Akka.TestKit.TestProbe Subscribe(bool endOnly = false)
    {
        var observer = CreateTestProbe();
        Coordinator.Tell(new SubscribeToSweep(observer.Ref, endOnly), observer.Ref);
        observer.ExpectMsg<SweepSubscribed>(Patience);
        return observer;
    }
}
