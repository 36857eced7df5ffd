using SweepCluster.Core.Grid;
using SweepCluster.Core.Sweep;
using static SweepCluster.Core.Tests.Sweep.SweepSteps;

namespace SweepCluster.Core.Tests.Sweep;

/// <summary>The coordinator's decisions about attempts out with workers, without an actor: re-handing a held attempt,
/// recognising a report of another attempt (to reclaim), and lease expiry.</summary>
public sealed class LeasePolicyTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static SweepState TwoAssigned()
    {
        var state = Step(SweepState.Empty, new PlanTrials([Planned(0), Planned(1), Planned(2)], 2)).State;
        (state, _) = Step(state, new RequestTrial("a", Now));
        (state, _) = Step(state, new RequestTrial("b", Now.AddMinutes(1)));
        return state;
    }

    [Fact]
    public void A_worker_that_asks_again_gets_the_attempt_it_holds()
    {
        var state = TwoAssigned();
        Assert.Equal(new TrialId("t-0"), Assert.Single(state.HeldBy("a")).Id);
        Assert.Equal(new TrialId("t-1"), Assert.Single(state.HeldBy("b")).Id);
        Assert.Empty(state.HeldBy("c"));
    }

    [Fact]
    public void Only_the_attempt_the_state_has_on_that_worker_is_current()
    {
        var state = TwoAssigned();
        Assert.True(state.IsCurrentAttempt("a", new TrialId("t-0"), 1));
        Assert.False(state.IsCurrentAttempt("a", new TrialId("t-0"), 2));
        Assert.False(state.IsCurrentAttempt("b", new TrialId("t-0"), 1));
        Assert.False(state.IsCurrentAttempt("a", new TrialId("t-2"), 1));
    }

    [Fact]
    public void A_lease_expires_a_lease_period_after_the_last_progress_or_else_the_assignment()
    {
        var state = TwoAssigned();
        DateTimeOffset? NoProgress(TrialId _) => null;
        Assert.Empty(state.ExpiredLeases(Now.AddMinutes(4), Lease, NoProgress));
        var expired = state.ExpiredLeases(Now.AddMinutes(5), Lease, NoProgress);
        Assert.Equal([new ReleaseTrial(new TrialId("t-0"), "a", LeasePolicy.LeaseExpired)], expired);

        // Progress renews the lease: heard of at minute 4, t-0 still holds at minute 8; t-1 (assigned at 1) does not.
        DateTimeOffset? Heard(TrialId id) => id == new TrialId("t-0") ? Now.AddMinutes(4) : null;
        Assert.Equal([new TrialId("t-1")], state.ExpiredLeases(Now.AddMinutes(8), Lease, Heard).Select(r => r.TrialId));
    }
}
