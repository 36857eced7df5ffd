using Akka.Actor;
using Akka.Configuration;

namespace SweepCluster.Integration.Tests;

/// <summary>A bare cluster member in the test process, joined to a sweepcluster node on loopback: it can do what any
/// member of a cluster may, such as marking another member down.</summary>
internal sealed class ClusterMember : IAsyncDisposable
{
    private readonly ActorSystem _system;

    private ClusterMember(ActorSystem system) => _system = system;

    public Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(_system);

    /// <summary>Joins the node whose port is <paramref name="seedPort"/> and returns once this member is Up.</summary>
    public static async Task<ClusterMember> JoinAsync(int seedPort, TimeSpan timeout)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = 0
            akka.cluster.seed-nodes = ["akka.tcp://sweepcluster@127.0.0.1:{{seedPort}}"]
            akka.cluster.roles = [test]
            """);
        var system = ActorSystem.Create("sweepcluster", config);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        if (await Task.WhenAny(up.Task, Task.Delay(timeout)) != up.Task)
        {
            await system.Terminate();
            throw new TimeoutException($"the test member did not join 127.0.0.1:{seedPort} within {timeout.TotalSeconds:F0} s");
        }
        return new ClusterMember(system);
    }

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
