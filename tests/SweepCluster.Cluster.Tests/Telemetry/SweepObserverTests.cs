using Akka.Actor;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Telemetry;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Tests.Telemetry;

/// <summary>The observer against a probe standing in for the coordinator: what it asks, and the metrics it sets.</summary>
public sealed class SweepObserverTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(1), MaxAttempts: 1);

    [Fact]
    public void Status_replies_set_the_state_gauges_rate_and_eta()
    {
        var coordinator = CreateTestProbe();
        Sys.ActorOf(SweepObserver.Props(coordinator.Ref, TimeSpan.FromMilliseconds(200)));
        coordinator.ExpectMsg<SubscribeToSweep>();
        coordinator.ExpectMsg<GetSweepStatus>();
        coordinator.Reply(new SweepStatusResponse(10, 6, 1, 3, 0, 2, 4, false, [], null, 2));

        AwaitAssert(() =>
        {
            Assert.Equal(6, SweepTelemetry.Trials.WithLabels("pending").Value);
            Assert.Equal(3, SweepTelemetry.Trials.WithLabels("completed").Value);
            Assert.Equal(10, SweepTelemetry.TrialsPlanned.Value);
            Assert.Equal(4, SweepTelemetry.Retries.Value);
            Assert.Equal(2, SweepTelemetry.DiscardedResults.Value);
        }, Patience);
    }

    [Fact]
    public void The_subscription_is_renewed_on_every_poll_so_a_moved_coordinator_gets_it_too()
    {
        var coordinator = CreateTestProbe();
        Sys.ActorOf(SweepObserver.Props(coordinator.Ref, TimeSpan.FromMilliseconds(200)));
        coordinator.ExpectMsg<SubscribeToSweep>();
        coordinator.Reply(SweepSubscribed.Instance);
        coordinator.ExpectMsg<GetSweepStatus>();

        // The next poll asks again, acknowledged or not: a new coordinator incarnation would not know this observer.
        coordinator.ExpectMsg<SubscribeToSweep>();
        coordinator.ExpectMsg<GetSweepStatus>();
    }

    [Fact]
    public void Ended_trials_count_failures_by_kind_and_leave_the_curve_to_the_results_projection()
    {
        var coordinator = CreateTestProbe();
        var observer = Sys.ActorOf(SweepObserver.Props(coordinator.Ref, TimeSpan.FromSeconds(30)));
        // A width no other test uses, so the curve series is this test's own.
        var config = FakeTrials.Planned(0).Config with { Width = 77 };
        var failuresBefore = SweepTelemetry.Failures.WithLabels("diverged").Value;

        observer.Tell(new TrialEnded(FakeTrials.Completed(new TrialId("curve-0"), config), 1));
        observer.Tell(new TrialEnded(FakeTrials.Diverged(new TrialId("curve-1"), config), 2));

        AwaitAssert(() => Assert.Equal(failuresBefore + 1, SweepTelemetry.Failures.WithLabels("diverged").Value), Patience);
        // The curve is folded once, by the results folder (ResultProjectionTests): the observer sets none of it.
        Assert.DoesNotContain(SweepTelemetry.Curve.GetAllLabelValues(), l => l.Skip(2).SequenceEqual(CurveKey.Of(config).Cells()));
    }

    [Theory]
    [InlineData("diverged at step 312", "diverged")]
    [InlineData("exception: InvalidOperationException: boom", "exception")]
    [InlineData("Diverged at step 7", "diverged")]
    [InlineData("failed", "failed")]
    [InlineData("OutOfMemoryException: CUDA out of memory", "unknown")]
    [InlineData(null, "unknown")]
    [InlineData("42", "unknown")]
    public void Failure_kind_is_the_kind_the_reason_starts_with(string? reason, string kind) =>
        Assert.Equal(kind, SweepObserver.FailureKind(reason));
}
