using SweepCluster.Core.Results;
using SweepCluster.Core.Studies;
using SweepCluster.Core.Tests.Verdicts;

namespace SweepCluster.Core.Tests.Studies;

public class DepthTrendsTests
{
    /// <summary>Depth 1 cannot train (train error 0.45 of chance 0.5); depths 2-5 train, with a test error lowest at
    /// depth 3 and a gap that rises with depth.</summary>
    private static double? Values(CurveKey key, int depth, string name, int seed, Func<int, int, double?> bound)
    {
        double j = VerdictCurves.Jitter(seed);
        double train = depth == 1 ? 0.45 + j : 0.05 + j;
        double gap = 0.01 * depth + j;
        return name switch
        {
            CurveQuantities.ChanceError => 0.5,
            CurveQuantities.TrainError => train,
            CurveQuantities.Gap => gap,
            CurveQuantities.TestError => depth == 3 ? 0.05 + gap - 0.02 : train + gap,
            CurveQuantities.BXrOut => 1.0,
            CurveQuantities.BPaperMeasured => bound(depth, seed),
            CurveQuantities.BPaper or CurveQuantities.BPaperAllParams or CurveQuantities.BIsmi => null,
            _ => VerdictCurves.Healthy(key, depth, name, seed),
        };
    }

    private static DepthTrend Trend(Func<int, int, double?> bound) =>
        DepthTrends.Of(VerdictCurves.Rows([VerdictCurves.Key()], [1, 2, 3, 4, 5], seeds: 4,
            values: (key, depth, name, seed) => Values(key, depth, name, seed, bound))).Single();

    [Fact]
    public void The_least_test_error_and_the_depths_where_training_works_are_found()
    {
        var trend = Trend((depth, seed) => 0.5 + 0.1 * depth + VerdictCurves.Jitter(seed));

        Assert.Equal(3, trend.BestDepth);
        Assert.True(trend.ClearOfShallowest);
        Assert.Equal([2, 3, 4, 5], trend.TrainingDepths);
        Assert.Equal(1, trend.Gap!.Direction);
    }

    [Fact]
    public void A_bound_rising_with_the_gap_tracks_it_and_one_falling_does_not()
    {
        var rising = Trend((depth, seed) => 0.5 + 0.1 * depth + VerdictCurves.Jitter(seed));
        var falling = Trend((depth, seed) => 2.0 - 0.3 * depth + VerdictCurves.Jitter(seed));

        Assert.True(rising.Tracks(rising.Slopes.Single(s => s.Quantity == CurveQuantities.BPaperMeasured)));
        Assert.False(falling.Tracks(falling.Slopes.Single(s => s.Quantity == CurveQuantities.BPaperMeasured)));
    }

    [Fact]
    public void A_bound_with_one_value_across_seeds_is_an_identity_and_is_not_compared()
    {
        var trend = Trend((depth, seed) => 0.5 + 0.1 * depth + VerdictCurves.Jitter(seed));

        var xr = trend.Slopes.Single(s => s.Quantity == CurveQuantities.BXrOut);
        Assert.True(xr.Identity);
        Assert.Null(trend.Tracks(xr));
    }

    [Fact]
    public void B_paper_measured_is_not_compared_where_the_last_layers_information_is_unresolved()
    {
        // Path drift 0.5 nats against a standard error of 0.01 at depth 5: 128 paths do not resolve i_x_t there.
        var rows = VerdictCurves.Rows([VerdictCurves.Key()], [1, 2, 3, 4, 5], seeds: 4, values: (key, depth, name, seed) =>
            name == LayerQuantities.Name(5, LayerQuantity.IXTPathDrift) ? 0.5
            : name == LayerQuantities.Name(depth, LayerQuantity.IXTPathDrift) ? 0.001
            : Values(key, depth, name, seed, (d, s) => 0.5 + 0.1 * d + VerdictCurves.Jitter(s)));

        var trend = DepthTrends.Of(rows).Single();

        Assert.Equal([5], trend.UnresolvedInformationDepths);
        Assert.Null(trend.Tracks(trend.Slopes.Single(s => s.Quantity == CurveQuantities.BPaperMeasured)));
        Assert.False(DepthTrends.InformationResolved(rows.Single(r => r.Depth == 5)));
        Assert.True(DepthTrends.InformationResolved(rows.Single(r => r.Depth == 4)));
    }

    [Fact]
    public void Without_three_training_depths_nothing_is_fitted()
    {
        var rows = VerdictCurves.Rows([VerdictCurves.Key()], [1, 2, 3], seeds: 4,
            values: (key, depth, name, seed) => name == CurveQuantities.TrainError ? 0.45 + VerdictCurves.Jitter(seed)
                : Values(key, depth, name, seed, (d, s) => 1.0));

        var trend = DepthTrends.Of(rows).Single();

        Assert.Empty(trend.TrainingDepths);
        Assert.Empty(trend.Slopes);
        Assert.Null(trend.Gap);
    }
}
