using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>The coordinator's status and summary as projections of the sweep's state, without an actor.</summary>
public sealed class SweepReadoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SweepState Apply(SweepState state, ISweepCommand command, AttemptProgressTable progress)
    {
        var events = state.Process(command);
        foreach (var e in events) progress.Apply(e);
        return state.ApplyAll(events);
    }

    [Fact]
    public void Status_counts_every_phase_and_shows_each_running_attempts_latest_progress()
    {
        var progress = new AttemptProgressTable();
        var trials = FakeTrials.Plan(4);
        var state = Apply(SweepState.Empty, new PlanTrials(trials, 1), progress);
        state = Apply(state, new RequestTrial("a", Now), progress);
        state = Apply(state, new RequestTrial("b", Now), progress);
        state = Apply(state, new RequestTrial("c", Now), progress);
        state = Apply(state, new ReportTrialResult("a", trials[0].Id, 1, FakeTrials.Completed(trials[0].Id, trials[0].Config)), progress);
        state = Apply(state, new ReportTrialResult("b", trials[1].Id, 1, FakeTrials.Diverged(trials[1].Id, trials[1].Config)), progress);
        progress.Heard(trials[2].Id, 2, 3, 0.25, Now);

        var status = SweepReadout.Status(state, progress, trials[0].Id, connectedSlots: 3);

        Assert.Equal((4, 1, 1, 1, 1), (status.Total, status.Pending, status.Assigned, status.Completed, status.Failed));
        Assert.Equal([new RunningTrialStatus(trials[2].Id, "c", 1, 2, 3, 0.25)], status.Running);
        Assert.Equal((false, trials[0].Id, 3), (status.Finished, status.LatestCompleted, status.ConnectedSlots));
    }

    [Fact]
    public void An_attempt_not_heard_of_shows_no_epoch_and_the_summary_counts_the_ends_retries_and_discards()
    {
        var trials = FakeTrials.Plan(1);
        var state = SweepState.Empty.ApplyAll(
        [
            new TrialsPlanned(trials, 2), new TrialAssigned(trials[0].Id, "a", 1, Now),
            new TrialAttemptFailed(trials[0].Id, "a", 1, FailureKind.Diverged, "diverged at step 3", Final: false, null),
            new ResultDiscarded(trials[0].Id, "x", 1, "not assigned to this worker and attempt"),
            new TrialAssigned(trials[0].Id, "a", 2, Now),
        ]);

        Assert.Equal([new RunningTrialStatus(trials[0].Id, "a", 2, 0, 0, null)], SweepReadout.Status(state, new AttemptProgressTable(), null, 1).Running);
        state = state.Apply(new TrialCompleted(trials[0].Id, "a", FakeTrials.Completed(trials[0].Id, trials[0].Config)));
        Assert.Equal(new SweepSummary(1, 1, 0, 1, 1), SweepReadout.Summary(state));
        Assert.True(SweepReadout.Status(state, new AttemptProgressTable(), null, 0).Finished);
    }
}
