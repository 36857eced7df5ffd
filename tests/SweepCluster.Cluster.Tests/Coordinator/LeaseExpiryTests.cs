using Akka.Actor;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;

namespace SweepCluster.Cluster.Tests.Coordinator;

public sealed class LeaseExpiryTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(1), MaxAttempts: 2);

    internal override SweepCoordinatorSettings CoordinatorSettings => new()
    {
        LeasePeriod = TimeSpan.FromMinutes(5), LeaseCheckInterval = TimeSpan.FromMilliseconds(50), Clock = _clock,
    };

    [Fact]
    public void Assigned_trial_without_progress_for_a_lease_period_is_given_back()
    {
        var silent = CreateTestProbe();
        var idle = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), silent.Ref);
        var assigned = silent.ExpectMsg<AssignTrial>(Patience);
        Coordinator.Tell(new RequestWork("node-b/slot-0", "cpu"), idle.Ref);
        idle.ExpectMsg<NoTrialNow>(Patience);

        // Progress renews the lease: 8 minutes after the assignment but 4 after the progress, it still holds.
        _clock.Advance(TimeSpan.FromMinutes(4));
        Coordinator.Tell(new TrialProgressReport("node-a/slot-0", assigned.TrialId, 1, 1, 3, 0.7), silent.Ref);
        Assert.Equal(1, Assert.Single(Status().Running).Epoch);
        _clock.Advance(TimeSpan.FromMinutes(4));
        Coordinator.Tell(CheckLeases.Instance, ActorRefs.NoSender);
        Assert.Equal(1, Status().Assigned);

        _clock.Advance(TimeSpan.FromMinutes(2));

        idle.ExpectMsg<TrialsAvailable>(Patience);
        var status = Status();
        Assert.Equal((1, 0), (status.Pending, status.Assigned));
        // The silent worker's late completed result still is the trial's result: kept, so the trial is not run again.
        Coordinator.Tell(new TrialResultReport("node-a/slot-0", assigned.TrialId, 1, FakeTrials.Completed(assigned.TrialId, assigned.Config)), silent.Ref);
        silent.ExpectMsg<ReportAccepted>(Patience);
        Assert.Equal((0L, 1, 0), (Status().DiscardedResults, Status().Completed, Status().Pending));
    }
}
