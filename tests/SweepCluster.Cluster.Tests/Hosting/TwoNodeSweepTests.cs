using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Cluster.Workers;

namespace SweepCluster.Cluster.Tests.Hosting;

/// <summary>Two actor systems on loopback: this one the coordinator only, a second one the worker only, so every
/// protocol message crosses the wire through the JSON serializer.</summary>
public sealed class TwoNodeSweepTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(3), MaxAttempts: 2);
    internal override SweepClusterOptions NodeOptions => new() { Port = 0, Roles = [SweepRoles.Coordinator] };

    [Fact]
    public async Task A_worker_node_joins_the_coordinator_seed_and_runs_the_whole_sweep()
    {
        var runner = FakeRunner.Completing();
        var observer = Subscribe();
        var workerNode = new SweepClusterOptions
        {
            Port = 0, Roles = [SweepRoles.Worker], SeedNodes = [Akka.Cluster.Cluster.Get(Sys).SelfAddress.ToString()],
        };
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka(workerNode.ActorSystemName, builder => builder
                .ConfigureSweepCluster(workerNode)
                .AddTrialWorkers(runner, [new WorkerSlot("cpu", 1)], FastRetries)))
            .Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var finished = (SweepFinished)observer.FishForMessage(m => m is SweepFinished, Patience);

            Assert.Equal(new SweepSummary(3, 3, 0, 0, 0), finished.Summary);
            Assert.Equal(3, runner.Calls.Count);
            Assert.Equal(3, Sink.Results.Count);
        }
        finally
        {
            // The node without the singleton leaves first: stopping both at once waits out cluster-exiting.
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
