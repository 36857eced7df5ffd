using SweepCluster.Cli.Reports;

namespace SweepCluster.Cli.Tests.Reports;

public sealed class StudyMarkdownTests
{
    [Fact]
    public void Every_sweep_gets_the_depth_section_and_only_a_sweep_over_n_the_sample_size_section()
    {
        var depthOnly = StudyMarkdown.Format(Curves.Grid());
        var overN = StudyMarkdown.Format(new[] { 250, 1000, 4000 }
            .SelectMany(n => Curves.Grid().Select(r => r with { Key = r.Key with { TrainSize = n } })).ToList());

        Assert.Contains("## Where depth helps, and whether the bounds follow the gap there", depthOnly);
        // Four curves (two widths x two act_noise values), one table row each.
        Assert.Equal(4, depthOnly.Split('\n').Count(l => l.StartsWith("| width=", StringComparison.Ordinal)));
        Assert.DoesNotContain("## Sample size", depthOnly);
        Assert.Contains("## Sample size: the gap's and the bounds' rate in n", overN);
        Assert.Contains("(plots/gap_vs_n.png)", overN);
        // One row per (curve, depth, quantity): the grid's gap has no n in it, so its exponent is 0 and it never gets to
        // 0.01; its seeds spread, so the bootstrap interval has width and the gap is no identity.
        var gapRows = overN.Split('\n').Where(l => l.Contains("| 250, 1000, 4000 | gap | ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4 * 5, gapRows.Count);
        Assert.All(gapRows, row =>
        {
            Assert.Contains("| gap | 0 [", row);
            Assert.Contains("| never (not falling) |", row);
            Assert.DoesNotContain("identity", row);
        });
    }
}
