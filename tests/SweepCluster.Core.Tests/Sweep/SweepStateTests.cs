using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;

using static SweepCluster.Core.Tests.Sweep.SweepSteps;

namespace SweepCluster.Core.Tests.Sweep;

public sealed class SweepStateTests
{
    private static SweepState Planned3(int maxAttempts = 2) =>
        Step(SweepState.Empty, new PlanTrials([Planned(0), Planned(1), Planned(2)], maxAttempts)).State;

    [Fact]
    public void Idle_workers_get_pending_trials_in_plan_order_then_none()
    {
        var state = Planned3();
        var assigned = new List<TrialId>();
        for (int i = 0; i < 4; i++)
        {
            (state, var events) = Step(state, new RequestTrial($"w{i}", Now));
            assigned.AddRange(events.OfType<TrialAssigned>().Select(e => e.TrialId));
        }
        Assert.Equal([new TrialId("t-0"), new TrialId("t-1"), new TrialId("t-2")], assigned);
        Assert.Equal(3, state.Count(TrialPhase.Assigned));
        Assert.False(state.HasPending);
    }

    [Fact]
    public void Commands_processed_together_each_decide_on_the_state_the_previous_ones_lead_to()
    {
        var state = Planned3();

        var (events, after) = state.Decide([new RequestTrial("a", Now), new RequestTrial("b", Now), new ReleaseWorker("a", "gone")]);

        Assert.Equal(["t-0", "t-1"], events.OfType<TrialAssigned>().Select(e => e.TrialId.Value));
        Assert.Equal(new TrialReleased(new TrialId("t-0"), "a", "gone"), events[^1]);
        Assert.Equal(1, state.ApplyAll(events).Count(TrialPhase.Assigned));
        // The state handed back is the one the events lead to.
        Assert.Equal((1, 2, "b"), (after.Count(TrialPhase.Assigned), after.Count(TrialPhase.Pending), after.Trials[new TrialId("t-1")].Worker));
        Assert.Equal(3, state.Count(TrialPhase.Pending));
    }

    [Fact]
    public void A_trial_completes_once_and_a_duplicate_result_is_discarded_and_counted()
    {
        var trial = Planned(0);
        var state = Step(SweepState.Empty, new PlanTrials([trial], 2)).State;
        (state, _) = Step(state, new RequestTrial("w", Now));
        (state, var first) = Step(state, new ReportTrialResult("w", trial.Id, 1, Result(trial)));
        (state, var second) = Step(state, new ReportTrialResult("w", trial.Id, 1, Result(trial)));
        Assert.IsType<TrialCompleted>(Assert.Single(first));
        Assert.Equal("already completed", Assert.IsType<ResultDiscarded>(Assert.Single(second)).Reason);
        Assert.Equal(1, state.DiscardedResults);
        Assert.True(state.IsFinished);
    }

    [Fact]
    public void A_late_result_from_a_worker_that_lost_the_trial_is_discarded()
    {
        var trial = Planned(0);
        var state = Step(SweepState.Empty, new PlanTrials([trial], 2)).State;
        (state, _) = Step(state, new RequestTrial("old", Now));
        (state, _) = Step(state, new ReleaseWorker("old", "worker terminated"));
        (state, _) = Step(state, new RequestTrial("new", Now));
        (state, var late) = Step(state, new ReportTrialResult("old", trial.Id, 1, Result(trial)));
        Assert.IsType<ResultDiscarded>(Assert.Single(late));
        Assert.Equal("new", state.Trials[trial.Id].Worker);
        (state, var current) = Step(state, new ReportTrialResult("new", trial.Id, 1, Result(trial)));
        Assert.IsType<TrialCompleted>(Assert.Single(current));
    }

    [Fact]
    public void Releasing_a_worker_returns_only_its_trials_without_using_an_attempt()
    {
        var state = Planned3();
        (state, _) = Step(state, new RequestTrial("a", Now));
        (state, _) = Step(state, new RequestTrial("b", Now));
        (state, var released) = Step(state, new ReleaseWorker("a", "downed"));
        Assert.Equal(new TrialId("t-0"), Assert.IsType<TrialReleased>(Assert.Single(released)).TrialId);
        Assert.Equal(TrialPhase.Pending, state.Trials[new TrialId("t-0")].Phase);
        Assert.Equal(0, state.Trials[new TrialId("t-0")].Attempts);
        Assert.Equal(TrialPhase.Assigned, state.Trials[new TrialId("t-1")].Phase);
    }

    [Fact]
    public void A_failed_attempt_is_retried_then_recorded_failed_with_its_reason()
    {
        var trial = Planned(0);
        var state = Step(SweepState.Empty, new PlanTrials([trial], MaxAttempts: 2)).State;
        (state, _) = Step(state, new RequestTrial("w", Now));
        (state, var first) = Step(state, new ReportTrialResult("w", trial.Id, 1, Result(trial, TrialStatus.Failed)));
        Assert.False(Assert.IsType<TrialAttemptFailed>(Assert.Single(first)).Final);
        Assert.Equal(TrialPhase.Pending, state.Trials[trial.Id].Phase);

        (state, var reassigned) = Step(state, new RequestTrial("w", Now));
        Assert.Equal(2, Assert.IsType<TrialAssigned>(Assert.Single(reassigned)).Attempt);
        (state, var second) = Step(state, new ReportTrialFailure("w", trial.Id, 2, FailureKind.Exception, "out of memory"));
        Assert.True(Assert.IsType<TrialAttemptFailed>(Assert.Single(second)).Final);
        Assert.Equal(TrialPhase.Failed, state.Trials[trial.Id].Phase);
        Assert.Equal("exception: out of memory", state.Trials[trial.Id].LastFailure);
        Assert.Equal(1, state.Retries);
        Assert.True(state.IsFinished);
    }

    [Fact]
    public void Releasing_all_assignments_after_recovery_makes_them_pending()
    {
        var state = Planned3();
        (state, _) = Step(state, new RequestTrial("a", Now));
        (state, _) = Step(state, new RequestTrial("b", Now));
        (state, var released) = Step(state, new ReleaseAllAssignments("coordinator restarted"));
        Assert.Equal(2, released.Count);
        Assert.Equal(3, state.Count(TrialPhase.Pending));
    }

    [Fact]
    public void Planning_again_adds_only_new_trials()
    {
        var state = Planned3();
        (state, _) = Step(state, new RequestTrial("a", Now));
        (state, var events) = Step(state, new PlanTrials([Planned(1), Planned(3)], 2));
        var planned = Assert.IsType<TrialsPlanned>(Assert.Single(events));
        Assert.Equal([new TrialId("t-3")], planned.Trials.Select(t => t.Id));
        Assert.Equal(4, state.Total);
        Assert.Equal(TrialPhase.Assigned, state.Trials[new TrialId("t-0")].Phase);
    }

    [Fact]
    public void A_large_plan_is_recorded_in_events_of_bounded_size_in_plan_order()
    {
        var plan = Enumerable.Range(0, 2 * SweepState.PlannedPerEvent + 500).Select(Planned).ToList();
        var (state, events) = Step(SweepState.Empty, new PlanTrials(plan, 3));
        Assert.Equal([SweepState.PlannedPerEvent, SweepState.PlannedPerEvent, 500],
            events.Select(e => Assert.IsType<TrialsPlanned>(e).Trials.Count));
        Assert.Equal(plan.Select(t => t.Id), state.Order);
        Assert.Equal(3, state.MaxAttempts);
        // A crash after the first event: recovery plans again only what the journal lacks.
        var partial = SweepState.Empty.Apply(events[0]);
        var rest = partial.Process(new PlanTrials(plan, 3));
        Assert.Equal(plan.Skip(SweepState.PlannedPerEvent).Select(t => t.Id), rest.SelectMany(e => ((TrialsPlanned)e).Trials).Select(t => t.Id));
    }

    [Fact]
    public void Replaying_the_events_rebuilds_the_same_state()
    {
        var events = new List<ISweepEvent>();
        var state = SweepState.Empty;
        ISweepCommand[] commands =
        [
            new PlanTrials([Planned(0), Planned(1)], 2), new RequestTrial("a", Now), new RequestTrial("b", Now),
            new ReportTrialResult("a", new TrialId("t-0"), 1, Result(Planned(0))), new ReleaseWorker("b", "gone"),
        ];
        foreach (var command in commands)
        {
            (state, var produced) = Step(state, command);
            events.AddRange(produced);
        }
        var replayed = SweepState.Empty.ApplyAll(events);
        Assert.Equal(state.Trials.OrderBy(p => p.Key.Value).Select(p => p.Value), replayed.Trials.OrderBy(p => p.Key.Value).Select(p => p.Value));
        Assert.Equal(state.Order, replayed.Order);
    }

    [Fact]
    public void Phase_counts_and_assigned_trials_match_a_recount_after_every_transition()
    {
        var random = new Random(3);
        var state = Step(SweepState.Empty, new PlanTrials(Enumerable.Range(0, 20).Select(Planned).ToList(), 2)).State;
        string[] workers = ["a", "b", "c"];
        for (int i = 0; i < 300; i++)
        {
            string worker = workers[random.Next(workers.Length)];
            var held = state.AssignedTrials.FirstOrDefault(t => t.Worker == worker);
            ISweepCommand command = (random.Next(5), held) switch
            {
                (0, _) => new ReleaseWorker(worker, "gone"),
                (1, { } t) => new ReportTrialResult(worker, t.Id, t.Attempts, Result(t.Plan, TrialStatus.Failed)),
                (2 or 3, { } t) => new ReportTrialResult(worker, t.Id, t.Attempts, Result(t.Plan)),
                _ => new RequestTrial(worker, Now),
            };
            (state, _) = Step(state, command);
            foreach (TrialPhase phase in Enum.GetValues<TrialPhase>())
                Assert.Equal(state.Trials.Values.Count(t => t.Phase == phase), state.Count(phase));
            Assert.Equal(
                state.Order.Select(id => state.Trials[id]).Where(t => t.Phase == TrialPhase.Assigned).Select(t => t.Id),
                state.AssignedTrials.Select(t => t.Id));
        }
        Assert.True(state.Count(TrialPhase.Completed) > 0);
    }
}
