using SweepCluster.Cli.Sweeps;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cli.Tests.Sweeps;

/// <summary>The progress line's note: a journal that does not answer first, then a plan still being written, then
/// trials waiting with no slot.</summary>
public sealed class ProgressLineTests
{
    private static readonly SweepProgressView Waiting = new(250_000, 0, 0, 0, 0, null, WithoutWorkers: TimeSpan.FromSeconds(65));

    [Fact]
    public void A_plan_being_written_shows_how_far_it_got_over_the_missing_slots()
    {
        string line = SweepProgress.Line(Waiting, SweepProgress.Note(new PlanProgress(40_000, 250_000), null, Waiting));
        Assert.Equal("done 0/250000  running 0  failed 0  0.0/min  eta -  planning: 40000 of 250000 trials in the journal", line);
    }

    [Fact]
    public void A_paused_journal_comes_first_and_missing_slots_show_once_the_plan_is_whole()
    {
        Assert.StartsWith("paused: the journal's database has not answered for 10 s",
            SweepProgress.Note(new PlanProgress(40_000, 250_000), TimeSpan.FromSeconds(12), Waiting));
        Assert.StartsWith("no worker slot connected for 60 s", SweepProgress.Note(null, null, Waiting));
        Assert.Null(SweepProgress.Note(null, null, Waiting with { WithoutWorkers = null }));
    }
}
