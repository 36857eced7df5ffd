using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;

using static SweepCluster.Core.Tests.Sweep.SweepSteps;

namespace SweepCluster.Core.Tests.Sweep;

/// <summary>The parts of <see cref="SweepState"/> that a restart leans on: the recorded definition, results that
/// arrive for attempts a restart gave back, reclaiming by a worker that kept running, and the replay of a journal.</summary>
public sealed class SweepRecoveryStateTests
{
    private static TrialResult Completed(PlannedTrial trial) => Result(trial) with { TrainError = 0.1 * trial.Config.Seed };

    /// <summary>A sweep of two trials whose first was running when the coordinator stopped, as recovery finds it after
    /// giving back what was assigned.</summary>
    private static (SweepState State, PlannedTrial Trial) RestartedWhileRunning()
    {
        var trial = Planned(0);
        var state = Step(SweepState.Empty, new PlanTrials([trial, Planned(1)], 2)).State;
        (state, _) = Step(state, new RequestTrial("w", Now));
        (state, _) = Step(state, new ReleaseAllAssignments("the coordinator restarted"));
        return (state, trial);
    }

    [Fact]
    public void The_definition_is_recorded_once_and_again_only_when_the_spec_changes()
    {
        var (state, first) = Step(SweepState.Empty, new DefineSweep("s-1", "name: a"));
        var defined = Assert.IsType<SweepDefined>(Assert.Single(first));
        Assert.Equal(("s-1", SweepJournalFormat.Version, "name: a"), (defined.SweepId, defined.FormatVersion, defined.SpecYaml));
        Assert.Empty(state.Process(new DefineSweep("s-1", "name: a")));
        (state, var grown) = Step(state, new DefineSweep("s-1", "name: a\nseeds: 4"));
        Assert.Single(grown);
        Assert.Equal("name: a\nseeds: 4", state.Definition!.SpecYaml);
    }

    [Fact]
    public void A_completed_result_for_an_attempt_given_back_by_a_restart_is_kept()
    {
        var (state, trial) = RestartedWhileRunning();
        (state, var events) = Step(state, new ReportTrialResult("w", trial.Id, 1, Completed(trial)));
        Assert.IsType<TrialCompleted>(Assert.Single(events));
        Assert.Equal(TrialPhase.Completed, state.Trials[trial.Id].Phase);
        Assert.Equal(0, state.DiscardedResults);
    }

    [Fact]
    public void A_failure_for_an_attempt_given_back_is_discarded_so_it_costs_no_attempt()
    {
        var (state, trial) = RestartedWhileRunning();
        (state, var events) = Step(state, new ReportTrialFailure("w", trial.Id, 1, FailureKind.Exception, "boom"));
        Assert.IsType<ResultDiscarded>(Assert.Single(events));
        Assert.Equal((TrialPhase.Pending, 0), (state.Trials[trial.Id].Phase, state.Trials[trial.Id].Attempts));
    }

    [Fact]
    public void A_worker_still_running_a_given_back_attempt_reclaims_it_and_nobody_else_gets_it()
    {
        var (state, trial) = RestartedWhileRunning();
        (state, var reclaimed) = Step(state, new ReclaimTrial("w", trial.Id, 1, Now));
        var assigned = Assert.IsType<TrialAssigned>(Assert.Single(reclaimed));
        Assert.Equal(("w", 1), (assigned.WorkerId, assigned.Attempt));
        (state, var next) = Step(state, new RequestTrial("other", Now));
        Assert.NotEqual(trial.Id, Assert.IsType<TrialAssigned>(Assert.Single(next)).TrialId);
        // A second claim, or a claim for another attempt, changes nothing.
        Assert.Empty(state.Process(new ReclaimTrial("x", trial.Id, 1, Now)));
        Assert.Empty(Step(RestartedWhileRunning().State, new ReclaimTrial("w", trial.Id, 2, Now)).Events);
    }

    [Fact]
    public void Only_the_worker_that_held_a_given_back_attempt_may_reclaim_it_or_complete_it()
    {
        var (state, trial) = RestartedWhileRunning();
        Assert.Equal("w", state.Trials[trial.Id].Worker);
        Assert.Empty(state.Process(new ReclaimTrial("x", trial.Id, 1, Now)));
        var forged = Assert.IsType<ResultDiscarded>(Assert.Single(state.Process(new ReportTrialResult("x", trial.Id, 1, Completed(trial)))));
        Assert.Equal("not assigned to this worker and attempt", forged.Reason);
        Assert.IsType<TrialCompleted>(Assert.Single(state.Process(new ReportTrialResult("w", trial.Id, 1, Completed(trial)))));
    }

    [Fact]
    public void The_replay_of_a_journal_yields_the_ended_results_in_the_order_they_ended()
    {
        var trials = new[] { Planned(0), Planned(1), Planned(2) };
        var events = new List<ISweepEvent>();
        var state = SweepState.Empty;
        void Run(ISweepCommand command)
        {
            var caused = state.Process(command);
            state = state.ApplyAll(caused);
            events.AddRange(caused);
        }
        Run(new PlanTrials(trials, 1));
        Run(new RequestTrial("a", Now));
        Run(new RequestTrial("b", Now));
        Run(new RequestTrial("c", Now));
        Run(new ReportTrialResult("b", trials[1].Id, 1, Completed(trials[1])));
        Run(new ReportTrialFailure("c", trials[2].Id, 1, FailureKind.Exception, "out of memory"));
        Run(new ReportTrialResult("a", trials[0].Id, 1, Completed(trials[0])));

        var replay = new SweepReplay();
        foreach (var @event in events) replay.Apply(@event);

        Assert.Equal(["t-1", "t-2", "t-0"], replay.Ended.Select(r => r.TrialId.Value));
        var failed = replay.Ended[1];
        Assert.Equal((TrialStatus.Failed, "exception: out of memory"), (failed.Status, failed.FailureReason));
        Assert.Equal(trials[2].Config, failed.Config);
        Assert.Equal(events.Count, replay.Events);
        Assert.True(replay.State.IsFinished);
    }
}
