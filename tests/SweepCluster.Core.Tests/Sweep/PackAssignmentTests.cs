using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;

using static SweepCluster.Core.Tests.Sweep.SweepSteps;

namespace SweepCluster.Core.Tests.Sweep;

/// <summary>A slot that asks with a capacity above 1 gets a pack: pending trials of the first one's pack key, in plan
/// order, each assigned, reported and given back on its own.</summary>
public sealed class PackAssignmentTests
{
    /// <summary>Width 4 and width 8 trials have different pack keys; seeds alone do not change a key.</summary>
    private static PlannedTrial Trial(string name, int width, int seed, OptimizerKind optimizer = OptimizerKind.Sgd) =>
        new(new TrialId(name), Planned(seed).Config with
        {
            Width = width, Training = new TrainingSettings { Optimizer = optimizer },
        });

    private static readonly PlannedTrial[] Mixed =
    [
        Trial("a0", 4, 0), Trial("b0", 8, 0), Trial("a1", 4, 1), Trial("a2", 4, 2),
        Trial("b1", 8, 1), Trial("a3", 4, 3), Trial("a4", 4, 4),
    ];

    private static SweepState PlannedState(IReadOnlyList<PlannedTrial> trials, int maxAttempts = 2) =>
        Step(SweepState.Empty, new PlanTrials(trials, maxAttempts)).State;

    private static List<string> AssignedIds(IEnumerable<ISweepEvent> events) =>
        events.OfType<TrialAssigned>().Select(e => e.TrialId.Value).ToList();

    [Fact]
    public void A_pack_holds_only_trials_of_the_first_ones_key_in_plan_order_and_never_a_trial_twice()
    {
        var state = PlannedState(Mixed);
        (state, var first) = Step(state, new RequestTrial("w", Now, Capacity: 4));
        (state, var second) = Step(state, new RequestTrial("v", Now, Capacity: 4));
        (state, var third) = Step(state, new RequestTrial("u", Now, Capacity: 4));
        (state, var none) = Step(state, new RequestTrial("x", Now, Capacity: 4));

        Assert.Equal(["a0", "a1", "a2", "a3"], AssignedIds(first));
        Assert.Equal(["b0", "b1"], AssignedIds(second));
        Assert.Equal(["a4"], AssignedIds(third));
        Assert.Empty(none);
        Assert.All(first.OfType<TrialAssigned>(), e => Assert.Equal(("w", 1), (e.WorkerId, e.Attempt)));
        Assert.Equal(Mixed.Length, state.Count(TrialPhase.Assigned));
    }

    [Fact]
    public void A_pack_holds_no_more_trials_than_fit_in_one_trials_memory_budget()
    {
        // Width 4 with a training set sized so that one trial needs a little over a third of the budget: two fit.
        var wide = Mixed.Where(t => t.Id.Value.StartsWith('a')).Select(t => t with
        {
            Config = t.Config with { TrainSize = (int)(TrialMemory.BudgetBytes / 2.9 / (t.Config.Dataset.Dimension * 4)) },
        }).ToList();
        double bytes = TrialMemory.EstimateBytes(wide[0].Config);
        Assert.InRange(TrialMemory.BudgetBytes / bytes, 2.0, 3.0);

        (_, var events) = Step(PlannedState(wide), new RequestTrial("w", Now, Capacity: 4));
        Assert.Equal(["a0", "a1"], AssignedIds(events));
    }

    [Fact]
    public void Capacity_one_assigns_one_trial_as_before()
    {
        var state = PlannedState(Mixed);
        (_, var events) = Step(state, new RequestTrial("w", Now));
        Assert.Equal(["a0"], AssignedIds(events));
    }

    [Fact]
    public void A_trial_without_a_pack_key_runs_alone()
    {
        var adam = Enumerable.Range(0, 4).Select(seed => Trial($"adam{seed}", 4, seed, OptimizerKind.Adam)).ToList();
        Assert.Null(TrialPacking.Key(adam[0].Config));
        var state = PlannedState(adam);
        (state, var first) = Step(state, new RequestTrial("w", Now, Capacity: 4));
        (_, var second) = Step(state, new RequestTrial("v", Now, Capacity: 4));
        Assert.Equal(["adam0"], AssignedIds(first));
        Assert.Equal(["adam1"], AssignedIds(second));
    }

    [Fact]
    public void A_mate_beyond_the_scan_window_is_left_for_a_later_request()
    {
        var trials = new List<PlannedTrial> { Trial("a0", 4, 0) };
        trials.AddRange(Enumerable.Range(0, SweepState.PackScanWindow).Select(seed => Trial($"b{seed}", 8, seed)));
        trials.Add(Trial("a1", 4, 1));
        (_, var events) = Step(PlannedState(trials), new RequestTrial("w", Now, Capacity: 4));
        Assert.Equal(["a0"], AssignedIds(events));
    }

    [Fact]
    public void A_slot_that_asks_again_holds_its_whole_pack_in_plan_order()
    {
        var state = PlannedState(Mixed);
        (state, _) = Step(state, new RequestTrial("w", Now, Capacity: 3));
        (state, _) = Step(state, new RequestTrial("v", Now, Capacity: 3));
        Assert.Equal(["a0", "a1", "a2"], state.HeldBy("w").Select(t => t.Id.Value));
        Assert.Equal(["b0", "b1"], state.HeldBy("v").Select(t => t.Id.Value));
        Assert.Empty(state.HeldBy("u"));
    }

    [Fact]
    public void Releasing_a_worker_gives_back_every_trial_of_its_pack_without_using_attempts()
    {
        var state = PlannedState(Mixed);
        (state, _) = Step(state, new RequestTrial("w", Now, Capacity: 4));
        (state, var released) = Step(state, new ReleaseWorker("w", "worker terminated"));

        Assert.Equal(["a0", "a1", "a2", "a3"], released.OfType<TrialReleased>().Select(e => e.TrialId.Value));
        Assert.Equal(0, state.Count(TrialPhase.Assigned));
        Assert.All(Mixed, t => Assert.Equal((TrialPhase.Pending, 0), (state.Trials[t.Id].Phase, state.Trials[t.Id].Attempts)));

        (_, var again) = Step(state, new RequestTrial("v", Now, Capacity: 4));
        Assert.Equal(["a0", "a1", "a2", "a3"], AssignedIds(again));
        Assert.All(again.OfType<TrialAssigned>(), e => Assert.Equal(1, e.Attempt));
    }

    [Fact]
    public void Each_trial_of_a_pack_completes_once_from_its_own_report()
    {
        var state = PlannedState(Mixed);
        var completed = new List<string>();
        var discarded = 0;
        for (var worker = 0; state.HasPending; worker++)
        {
            (state, var assigned) = Step(state, new RequestTrial($"w{worker}", Now, Capacity: 4));
            foreach (var a in assigned.OfType<TrialAssigned>())
                for (var copy = 0; copy < 2; copy++) // every report arrives twice, as a resend would
                {
                    var trial = state.Trials[a.TrialId].Plan;
                    (state, var events) = Step(state, new ReportTrialResult(a.WorkerId, a.TrialId, a.Attempt, Result(trial)));
                    completed.AddRange(events.OfType<TrialCompleted>().Select(e => e.TrialId.Value));
                    discarded += events.OfType<ResultDiscarded>().Count();
                }
        }
        Assert.Equal(Mixed.Select(t => t.Id.Value).Order(), completed.Order());
        Assert.Equal(Mixed.Length, discarded);
        Assert.True(state.IsFinished);
    }

    [Fact]
    public void A_pack_mates_failure_retries_only_that_trial()
    {
        var state = PlannedState(Mixed);
        (state, _) = Step(state, new RequestTrial("w", Now, Capacity: 2));
        var a0 = Mixed[0];
        (state, var failed) = Step(state, new ReportTrialFailure("w", a0.Id, 1, FailureKind.Exception, "boom"));
        Assert.False(Assert.IsType<TrialAttemptFailed>(Assert.Single(failed)).Final);
        Assert.Equal(TrialPhase.Pending, state.Trials[a0.Id].Phase);
        Assert.Equal(TrialPhase.Assigned, state.Trials[Mixed[2].Id].Phase);
        Assert.Equal(["a1"], state.HeldBy("w").Select(t => t.Id.Value));
    }
}
