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

    /// <summary>The gauge's value for a quantity of <paramref name="config"/>'s curve at depth 2: labelled by the whole
    /// curve key, as curves.csv writes it.</summary>
    private static double CurveMean(string quantity, TrialConfig config) =>
        SweepTelemetry.Curve.WithLabels([quantity, "2", .. CurveKey.Of(config).Cells()]).Value;

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
    public void Ended_trials_update_the_curve_and_count_failures_by_kind()
    {
        var coordinator = CreateTestProbe();
        var observer = Sys.ActorOf(SweepObserver.Props(coordinator.Ref, TimeSpan.FromSeconds(30)));
        // A width no other test uses, so the curve series is this test's own.
        var config = FakeTrials.Planned(0).Config with { Width = 77 };
        var failuresBefore = SweepTelemetry.Failures.WithLabels("diverged").Value;

        observer.Tell(new TrialEnded(FakeTrials.Completed(new TrialId("curve-0"), config), 1));
        observer.Tell(new TrialEnded(FakeTrials.Diverged(new TrialId("curve-1"), config), 2));

        AwaitAssert(() =>
        {
            Assert.Equal(0.05, CurveMean("gap", config), 9);
            Assert.Equal(0.15, CurveMean("test_error", config), 9);
            Assert.Equal(failuresBefore + 1, SweepTelemetry.Failures.WithLabels("diverged").Value);
        }, Patience);
    }

    [Fact]
    public void The_curve_gauge_carries_the_top_level_quantities_and_none_of_the_per_layer_columns()
    {
        var coordinator = CreateTestProbe();
        var observer = Sys.ActorOf(SweepObserver.Props(coordinator.Ref, TimeSpan.FromSeconds(30)));
        // A width no other test uses, so the curve series is this test's own.
        var config = FakeTrials.Planned(0).Config with { Width = 79 };
        LayerInformation Layer(int l) => new()
        {
            Layer = l, Estimator = LayerEstimator.Pairwise, IXTLower = 1, IXTUpper = 2, IYT = 0.5, Saturated = false,
            EtaAnalytic = 0.9, EtaEmpirical = 0.8,
        };
        var result = FakeTrials.Completed(new TrialId("layers-0"), config) with { Layers = [Layer(1), Layer(2)] };

        observer.Tell(new TrialEnded(result, 1));

        AwaitAssert(() => Assert.Equal(0.1, CurveMean("loss_gap", config), 9), Patience);
        var quantities = SweepTelemetry.Curve.GetAllLabelValues().Where(l => l[2] == "79").Select(l => l[0]).ToList();
        Assert.Contains("i_x_t_upper", quantities);
        Assert.All(quantities, q => Assert.Contains(q, CurveQuantities.TopLevel));
    }

    [Fact]
    public void A_resumed_sweeps_curve_starts_from_the_trials_that_ended_before_and_grows_from_there()
    {
        var coordinator = CreateTestProbe();
        // A width no other test uses, so the curve series is this test's own.
        var config = FakeTrials.Planned(0).Config with { Width = 78 };
        var before = FakeTrials.Completed(new TrialId("before-0"), config) with { Gap = 0.02 };

        var observer = Sys.ActorOf(SweepObserver.Props(coordinator.Ref, TimeSpan.FromSeconds(30), [before]));
        AwaitAssert(() => Assert.Equal(0.02, CurveMean("gap", config), 9), Patience);

        // A second seed of the same cell ends after the resume: the mean covers both.
        observer.Tell(new TrialEnded(FakeTrials.Completed(new TrialId("after-1"), config with { Seed = 1 }) with { Gap = 0.04 }, 1));
        AwaitAssert(() => Assert.Equal(0.03, CurveMean("gap", config), 9), Patience);
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
