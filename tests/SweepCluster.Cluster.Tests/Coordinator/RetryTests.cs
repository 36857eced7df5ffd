using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Coordinator;

public sealed class RetryTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    // t-0's runner throws; t-1's runner returns a diverged (failed) result. Both fail every attempt.
    private readonly FakeRunner _runner = new((id, config, _, _) => id.Value == "t-0"
        ? throw new InvalidOperationException("boom")
        : FakeTrials.Diverged(id, config));

    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(2), MaxAttempts: 3);
    internal override ITrialRunner? Runner => _runner;
    internal override int SlotCount => 1;

    [Fact]
    public void Failing_trials_are_retried_up_to_max_attempts_then_recorded_failed_with_their_reason()
    {
        var observer = Subscribe();

        var finished = (SweepFinished)observer.FishForMessage(m => m is SweepFinished, Patience);

        Assert.Equal(new SweepSummary(Total: 2, Completed: 0, Failed: 2, DiscardedResults: 0, Retries: 4), finished.Summary);
        var results = Sink.Results.ToDictionary(r => r.TrialId.Value);
        Assert.Equal(2, results.Count);
        Assert.All(results.Values, r => Assert.Equal(TrialStatus.Failed, r.Status));
        Assert.Equal("exception: InvalidOperationException: boom", results["t-0"].FailureReason);
        Assert.Equal("diverged at step 3", results["t-1"].FailureReason);
        Assert.Equal(3, _runner.Calls.Count(c => c.TrialId.Value == "t-0"));
        Assert.Equal(3, _runner.Calls.Count(c => c.TrialId.Value == "t-1"));
    }
}
