using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Sessions;

namespace SweepCluster.Cli.Tests.Sessions;

/// <summary>`status`'s counts, rate and ETA from a journal's state and the times its last trials ended.</summary>
public sealed class SweepStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    /// <summary>12 planned trials, the first 2 handed to a slot.</summary>
    private static SweepState TwoAssigned()
    {
        var trials = GridExpander.Expand(SpecLoader.Parse("name: s\ngrid:\n  depth: [1, 2, 3]\n  width: [4, 8]\nseeds: 2\n", "s.yaml"));
        var state = SweepState.Empty.Apply(new TrialsPlanned(trials, 2));
        return state.ApplyAll(trials.Take(2).Select(t => (ISweepEvent)new TrialAssigned(t.Id, "w", 1, Now)));
    }

    private static DateTimeOffset[] EndedMinutesAgo(params double[] minutes) => minutes.Select(m => Now.AddMinutes(-m)).ToArray();

    [Fact]
    public void A_live_sweep_has_a_rate_over_the_window_and_the_time_left_at_it()
    {
        // Ends before and inside the 5-minute window: the rate counts the 10 inside it over the whole window.
        var ends = EndedMinutesAgo([9, 8, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5, 0.1]);

        var status = SweepStatus.From("/d", "s", live: true, TwoAssigned(), ends, Now);

        Assert.Equal((12, 0, 0, 2, 10), (status.Total, status.Completed, status.Failed, status.Running, status.Pending));
        Assert.Equal(2.0, status.PerMinute!.Value, 9);
        Assert.Equal(TimeSpan.FromMinutes(6), status.Eta);
    }

    [Fact]
    public void A_sweep_that_started_inside_the_window_is_timed_from_its_first_end()
    {
        var status = SweepStatus.From("/d", "s", live: true, TwoAssigned(), EndedMinutesAgo([2, 1.5, 1, 0.5]), Now);

        Assert.Equal(2.0, status.PerMinute!.Value, 9);
    }

    [Fact]
    public void A_live_sweep_with_no_recent_end_has_no_rate_and_no_eta()
    {
        var status = SweepStatus.From("/d", "s", live: true, TwoAssigned(), EndedMinutesAgo([12, 11]), Now);

        Assert.Null(status.PerMinute);
        Assert.Null(status.Eta);
    }

    [Fact]
    public void A_stopped_sweep_runs_nothing_and_its_handed_out_trials_are_pending()
    {
        var status = SweepStatus.From("/d", "s", live: false, TwoAssigned(), EndedMinutesAgo([1, 0.5]), Now);

        Assert.Equal((0, 12), (status.Running, status.Pending));
        Assert.Null(status.PerMinute);
        Assert.Null(status.Eta);
    }
}
