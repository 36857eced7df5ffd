using SweepCluster.Core.Verdicts;
using static SweepCluster.Core.Tests.Verdicts.VerdictCurves;

namespace SweepCluster.Core.Tests.Verdicts;

/// <summary>No verdict of pass rests on fewer than two depths or two seeds.</summary>
public sealed class VerdictGuardTests
{

    [Fact]
    public void One_depth_makes_every_prediction_not_testable()
    {
        var report = VerdictEngine.Judge(Rows([Key(4, 0.5), Key(4, 1.0), Key(16, 0.5)], [3]));

        Assert.All(report.Predictions, p => Assert.Equal(Verdict.NotTestable, p.Verdict));
        Assert.All(report.Predictions, p => Assert.Equal("depth has 1 value(s); a verdict needs 2", p.Why));
    }

    [Fact]
    public void One_seed_makes_every_prediction_not_testable()
    {
        var report = VerdictEngine.Judge(Rows([Key(4, 0.5), Key(4, 1.0)], [1, 2, 3], seeds: 1));

        Assert.All(report.Predictions, p => Assert.Equal(Verdict.NotTestable, p.Verdict));
        Assert.Contains("1 seed(s)", report.Predictions[0].Why);
    }

    [Fact]
    public void A_curve_with_one_seeded_depth_is_not_judged_even_where_others_have_more()
    {
        // Two seeds at depth 1 only; depths 2 and 3 have one seed each, so no interval to compare.
        var rows = Rows([Key()], [1], seeds: 2).Concat(Rows([Key()], [2, 3], seeds: 1)).ToList();

        var report = VerdictEngine.Judge(rows);

        Assert.DoesNotContain(report.Predictions, p => p.Verdict == Verdict.Pass);
    }

    [Fact]
    public void No_rows_make_every_prediction_not_testable()
    {
        var report = VerdictEngine.Judge([]);

        Assert.All(report.Predictions, p => Assert.Equal("no trial has ended", p.Why));
    }

}
