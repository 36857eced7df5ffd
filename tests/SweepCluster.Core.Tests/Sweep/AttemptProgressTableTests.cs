using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Core.Sweep;
using static SweepCluster.Core.Tests.Sweep.SweepSteps;

namespace SweepCluster.Core.Tests.Sweep;

/// <summary>What the coordinator last heard of each attempt (the lease <see cref="LeasePolicy.ExpiredLeases"/> reads),
/// without an actor.</summary>
public sealed class AttemptProgressTableTests
{
    private static readonly TrialId A = new("t-0"), B = new("t-1");

    [Fact]
    public void An_assignment_starts_the_lease_with_no_epoch_and_progress_renews_it()
    {
        var table = new AttemptProgressTable();
        table.Apply(new TrialAssigned(A, "w", 1, Now));
        Assert.Equal(new AttemptProgress(0, 0, null, Now), table.Of(A));

        table.Heard(A, 2, 5, 0.7, Now.AddMinutes(1));

        Assert.Equal(new AttemptProgress(2, 5, 0.7, Now.AddMinutes(1)), table.Of(A));
        Assert.Equal(Now.AddMinutes(1), table.LastHeard(A));
        Assert.Null(table.LastHeard(B));
    }

    [Fact]
    public void A_pack_mates_progress_renews_the_mates_heard_of_and_keeps_their_epochs()
    {
        var table = new AttemptProgressTable();
        table.Apply(new TrialAssigned(A, "w", 1, Now));
        table.Heard(A, 3, 5, 0.5, Now);

        table.Renew([A, B], Now.AddMinutes(4));

        Assert.Equal(new AttemptProgress(3, 5, 0.5, Now.AddMinutes(4)), table.Of(A));
        Assert.Null(table.Of(B));
    }

    public static TheoryData<ISweepEvent> Ends => new()
    {
        new TrialCompleted(A, "w", Result(Planned(0))),
        new TrialAttemptFailed(A, "w", 1, FailureKind.Diverged, "diverged at step 3", Final: false, null),
        new TrialReleased(A, "w", LeasePolicy.LeaseExpired),
    };

    [Theory]
    [MemberData(nameof(Ends))]
    public void An_attempt_that_ended_or_went_back_is_forgotten(ISweepEvent end)
    {
        var table = new AttemptProgressTable();
        table.Apply(new TrialAssigned(A, "w", 1, Now));
        table.Apply(new TrialAssigned(B, "w", 1, Now));

        table.Apply(end);

        Assert.Null(table.Of(A));
        Assert.NotNull(table.Of(B));
    }

    [Fact]
    public void Leases_expire_from_the_last_progress_heard()
    {
        var state = Step(SweepState.Empty, new PlanTrials([Planned(0), Planned(1)], 2)).State;
        var table = new AttemptProgressTable();
        foreach (var worker in new[] { "a", "b" })
        {
            var (next, events) = Step(state, new RequestTrial(worker, Now));
            state = next;
            foreach (var e in events) table.Apply(e);
        }
        table.Heard(A, 1, 5, null, Now.AddMinutes(4));

        var expired = state.ExpiredLeases(Now.AddMinutes(5), TimeSpan.FromMinutes(5), table.LastHeard);

        Assert.Equal([B], expired.Select(r => r.TrialId));
    }
}
