using SweepCluster.Core.Trials;
using System.Text.Json;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;

using static SweepCluster.Core.Tests.Sweep.SweepSteps;

namespace SweepCluster.Core.Tests.Sweep;

/// <summary>The compact snapshot: shared settings written once, one short row per trial, and a state rebuilt from it
/// that equals the state it was taken from.</summary>
public sealed class SweepSnapshotTests
{
    /// <summary>A grid of <paramref name="trials"/> trials over 2 training settings, part of it assigned, completed,
    /// failed once or for good.</summary>
    private static SweepState SweepUnderWay(int trials)
    {
        var plan = Enumerable.Range(0, trials).Select(i =>
        {
            var config = Planned(i).Config with
            {
                Training = new TrainingSettings { Epochs = 10 + i % 2 },
                Depth = 1 + i % 7, Width = 4 + i % 5, ActNoise = 0.1 * (i % 3), SgldNoise = 1e-3 * (i % 2), Seed = i,
            };
            return new PlannedTrial(TrialIdentity.Of(config), config);
        }).ToList();
        var state = Step(SweepState.Empty, new DefineSweep("s-1", "name: s")).State;
        state = Step(state, new PlanTrials(plan, 2)).State;
        for (int i = 0; i < trials / 2; i++)
        {
            state = Step(state, new RequestTrial("w/slot-0", Now)).State;
            var trial = plan[i];
            ISweepCommand end = i % 5 == 0
                ? new ReportTrialFailure("w/slot-0", trial.Id, 1, FailureKind.Exception, "boom")
                : new ReportTrialResult("w/slot-0", trial.Id, 1, Result(trial));
            state = Step(state, end).State;
        }
        return Step(state, new RequestTrial("w/slot-1", Now)).State;
    }

    private static string Entries(SweepState state) =>
        JsonSerializer.Serialize(state.Order.Select(id => state.Trials[id]), TrialJson.Options);

    [Fact]
    public void A_state_rebuilt_from_its_snapshot_equals_it_and_hands_out_the_same_next_trial()
    {
        var state = SweepUnderWay(40);
        var back = SweepState.FromSnapshot(state.ToSnapshot());

        Assert.Equal(Entries(state), Entries(back));
        Assert.Equal((state.Definition, state.MaxAttempts, state.Retries, state.DiscardedResults),
            (back.Definition, back.MaxAttempts, back.Retries, back.DiscardedResults));
        foreach (var phase in Enum.GetValues<TrialPhase>()) Assert.Equal(state.Count(phase), back.Count(phase));
        var request = new RequestTrial("w/slot-2", Now);
        Assert.Equivalent(state.Process(request), back.Process(request), strict: true);
    }

    /// <summary>Templates zero every per-point axis of the table, so each must have its field in a snapshot row.</summary>
    [Fact]
    public void Every_per_point_axis_comes_back_from_a_snapshot()
    {
        foreach (var axis in GridAxes.PerPoint)
        {
            var config = axis.Write(Planned(0).Config, AxisValue.Of(axis.Kind == AxisKind.Whole ? 3 : 0.25));
            var plan = new[] { new PlannedTrial(TrialIdentity.Of(config), config) };
            var state = Step(SweepState.Empty, new DefineSweep("s-1", "name: s")).State;
            state = Step(state, new PlanTrials(plan, 2)).State;
            Assert.Equal(Entries(state), Entries(SweepState.FromSnapshot(state.ToSnapshot())));
        }
    }

    [Fact]
    public void Every_configuration_comes_back_with_its_id()
    {
        var state = SweepUnderWay(40);
        var back = SweepState.FromSnapshot(state.ToSnapshot());
        Assert.All(back.Trials.Values, entry => Assert.Equal(entry.Id, TrialIdentity.Of(entry.Plan.Config)));
    }

    [Fact]
    public void The_trainings_of_a_cmi_sweep_come_back_with_their_draws_and_ids()
    {
        var plan = GridExpander.Expand(SpecLoader.Parse("name: c\ncmi:\n  supersamples: 2\n  selections: 3\ngrid:\n  depth: [1, 2]\n  width: 4\n", "/specs/c.yaml"));
        var state = Step(Step(SweepState.Empty, new DefineSweep("s-1", "name: c")).State, new PlanTrials(plan, 2)).State;
        var back = SweepState.FromSnapshot(state.ToSnapshot());
        Assert.Equal(Entries(state), Entries(back));
        Assert.All(back.Trials.Values, entry => Assert.Equal(entry.Id, TrialIdentity.Of(entry.Plan.Config)));
        Assert.Equal(6, back.Trials.Values.Select(e => e.Plan.Config.Cmi).Distinct().Count());
    }

    [Fact]
    public void Settings_are_written_once_per_distinct_value_not_once_per_trial()
    {
        var snapshot = SweepUnderWay(200).ToSnapshot();
        Assert.Equal(200, snapshot.Trials.Count);
        Assert.Equal(2, snapshot.Templates.Count);
    }

    [Fact]
    public void Settings_equal_in_value_but_read_apart_share_one_template()
    {
        var trial = Planned(1);
        var readAgain = TrialJson.Deserialize<PlannedTrial>(TrialJson.Serialize(trial));
        var state = SweepState.Empty.ApplyAll([new TrialsPlanned([trial], 2), new TrialsPlanned([readAgain with { Id = new TrialId("t-other") }], 2)]);
        Assert.Single(state.ToSnapshot().Templates);
    }

    [Fact]
    public void A_snapshot_grows_in_proportion_to_the_sweep_at_about_a_hundred_bytes_a_trial()
    {
        long small = JsonSerializer.SerializeToUtf8Bytes(SweepUnderWay(1000).ToSnapshot(), TrialJson.Options).Length;
        long large = JsonSerializer.SerializeToUtf8Bytes(SweepUnderWay(4000).ToSnapshot(), TrialJson.Options).Length;
        Assert.InRange(large / (double)small, 3.8, 4.2);
        Assert.InRange(large / 4000.0, 50, 150);
    }

    /// <summary>Rows as the field-per-axis form of the row wrote them (before the axis table): each reads back to its
    /// trial and writes the same bytes again, so snapshots stored by earlier builds still resume.</summary>
    [Theory]
    [InlineData("""{"i":"t-f3ae8c0ac94a6c43","c":0,"d":1,"w":4,"n":100,"s":0,"p":"assigned","a":2,"wk":"w/slot-0","at":"2026-01-01T00:00:00+00:00","lf":"exception: boom"}""")]
    [InlineData("""{"i":"t-9bf8c9bed4fd5c2a","c":1,"d":4,"w":7,"sn":0.001,"in":1.5E-07,"n":103,"s":3,"p":"assigned","a":1,"wk":"w/slot-0","at":"2026-01-01T00:00:00+00:00"}""")]
    [InlineData("""{"i":"t-7e4a187fe7ac1d5b","c":1,"d":7,"w":7,"sn":0.001,"ln":0.2,"n":253,"s":153,"p":"pending"}""")]
    [InlineData("""{"i":"t-17baef741bb7071a","c":0,"d":3,"w":6,"an":0.2,"dr":0.25,"n":102,"s":2,"p":"assigned","a":1,"wk":"w/slot-0","at":"2026-01-01T00:00:00+00:00"}""")]
    public void A_row_of_the_earlier_form_reads_back_and_writes_the_same_bytes(string json)
    {
        var row = JsonSerializer.Deserialize<SnapshotTrial>(json, TrialJson.Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(row, TrialJson.Options));
        var config = row.ToEntry(Planned(0).Config).Plan.Config;
        Assert.Equal(row.Point, GridAxes.PerPoint.Select(axis => axis.Read(config).Number!.Value));
        Assert.Equal(row.Seed, config.Seed);
    }
}
