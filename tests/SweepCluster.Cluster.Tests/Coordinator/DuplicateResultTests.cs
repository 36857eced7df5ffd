using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;

namespace SweepCluster.Cluster.Tests.Coordinator;

public sealed class DuplicateResultTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(2), MaxAttempts: 2);

    /// <summary>A worker resends its report until the answer arrives; on a busy machine a copy can come after the first
    /// was recorded. The copy is answered again and neither recorded nor counted.</summary>
    [Fact]
    public void A_resent_result_is_acknowledged_again_recorded_once_and_not_counted_as_discarded()
    {
        var worker = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), worker.Ref);
        var assigned = worker.ExpectMsg<AssignTrial>(Patience);
        var report = new TrialResultReport("node-a/slot-0", assigned.TrialId, assigned.Attempt,
            FakeTrials.Completed(assigned.TrialId, assigned.Config));

        Coordinator.Tell(report, worker.Ref);
        worker.ExpectMsg(new ReportAccepted(assigned.TrialId, 1), Patience);
        Coordinator.Tell(report, worker.Ref);
        worker.ExpectMsg(new ReportAccepted(assigned.TrialId, 1), Patience);

        var status = Status();
        Assert.Equal((1, 0L), (status.Completed, status.DiscardedResults));
        Assert.Equal(assigned.TrialId, status.LatestCompleted);
        Assert.Single(Sink.Results);
    }

    /// <summary>A result of the same trial from a slot that does not hold it (the trial ran twice) is answered, so
    /// that slot stops resending, and discarded and counted.</summary>
    [Fact]
    public void A_result_from_a_slot_that_does_not_hold_the_trial_is_acknowledged_discarded_and_counted()
    {
        var worker = CreateTestProbe();
        var other = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), worker.Ref);
        var assigned = worker.ExpectMsg<AssignTrial>(Patience);
        var result = FakeTrials.Completed(assigned.TrialId, assigned.Config);

        Coordinator.Tell(new TrialResultReport("node-a/slot-0", assigned.TrialId, assigned.Attempt, result), worker.Ref);
        worker.ExpectMsg(new ReportAccepted(assigned.TrialId, 1), Patience);
        Coordinator.Tell(new TrialResultReport("node-b/slot-0", assigned.TrialId, assigned.Attempt, result), other.Ref);
        other.ExpectMsg(new ReportAccepted(assigned.TrialId, 1), Patience);

        var status = Status();
        Assert.Equal((1, 1L), (status.Completed, status.DiscardedResults));
        Assert.Single(Sink.Results);
    }
}
