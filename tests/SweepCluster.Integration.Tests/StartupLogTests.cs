namespace SweepCluster.Integration.Tests;

/// <summary>A node's log at start holds what the user needs, not the singleton proxy's routine warning.</summary>
public sealed class StartupLogTests
{
    [Fact]
    public void A_worker_waiting_for_its_coordinator_does_not_log_the_singleton_proxy_warning()
    {
        // The warning used to come about 3 s after start; 8 s of a worker whose seed does not answer covers it.
        using var worker = new CliNode("worker", "worker", "--seed", $"127.0.0.1:{Ports.Free()}", "--slots", "1", "--threads", "1");
        Eventually.True(() => worker.Output.Contains("worker on"), TimeSpan.FromSeconds(60), () => worker.Output);
        Thread.Sleep(TimeSpan.FromSeconds(8));
        Assert.False(worker.HasExited, worker.Output);
        Assert.DoesNotContain("failed to find an associated singleton", worker.Output);
    }
}
