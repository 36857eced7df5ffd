using SweepCluster.Cluster.Tests.Support;

namespace SweepCluster.Cluster.Tests.Hosting;

public sealed class ClusterConfigurationTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    [Fact]
    public void Production_setup_uses_keep_oldest_fast_downing_and_a_one_second_failure_detector()
    {
        var config = Sys.Settings.Config;

        Assert.Equal("keep-oldest", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.False(config.GetBoolean("akka.cluster.split-brain-resolver.keep-oldest.down-if-alone"));
        // On, churn among workers for stable-after + 4 s downed every node, the coordinator included.
        Assert.Equal("off", config.GetString("akka.cluster.split-brain-resolver.down-all-when-unstable"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("akka.cluster.retry-unsuccessful-join-after"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.remote.retry-gate-closed-for"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal("127.0.0.1", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal([SweepRoles.Coordinator, SweepRoles.Worker], config.GetStringList("akka.cluster.roles"));
    }
}
