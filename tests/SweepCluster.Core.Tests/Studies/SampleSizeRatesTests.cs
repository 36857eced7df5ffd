using SweepCluster.Core.Results;
using SweepCluster.Core.Studies;
using SweepCluster.Core.Tests.Verdicts;

namespace SweepCluster.Core.Tests.Studies;

public class SampleSizeRatesTests
{
    /// <summary>A sweep over train_size whose gap falls like n^-1/2 and whose b_xr_out like n^-1/4 (with seed spread).</summary>
    private static List<CurveRow> Rows(params int[] sizes) =>
        sizes.SelectMany(n => VerdictCurves.Rows([VerdictCurves.Key() with { TrainSize = n }], [1, 3], seeds: 5,
            values: (key, depth, name, seed) => name switch
            {
                CurveQuantities.Gap => 3.0 / depth * Math.Pow(key.TrainSize, -0.5) * (1 + 0.05 * (seed - 2)),
                CurveQuantities.BXrOut => 5.0 * Math.Pow(key.TrainSize, -0.25) * (1 + 0.05 * (seed - 2)),
                _ => VerdictCurves.Healthy(key, depth, name, seed),
            })).ToList();

    [Fact]
    public void Each_curve_and_depth_gets_the_exponent_of_its_gap_and_bounds()
    {
        var curves = SampleSizeRates.Of(Rows(250, 1000, 4000, 16000));

        Assert.Equal([1, 3], curves.Select(c => c.Depth));
        foreach (var curve in curves)
        {
            Assert.Equal([250, 1000, 4000, 16000], curve.Sizes);
            Assert.Equal(-0.5, curve.Rate(CurveQuantities.Gap)!.Fit!.Exponent, 8);
            Assert.Equal(-0.25, curve.Rate(CurveQuantities.BXrOut)!.Fit!.Exponent, 8);
        }
        // A deeper net's gap is a third of depth 1's here, so it reaches 0.01 at a ninth of the sample size.
        double shallow = curves[0].Rate(CurveQuantities.Gap)!.SizeToReach(0.01)!.Value;
        double deep = curves[1].Rate(CurveQuantities.Gap)!.SizeToReach(0.01)!.Value;
        Assert.Equal(9.0, shallow / deep, 6);
    }

    [Fact]
    public void Fewer_than_three_sample_sizes_make_no_scaling_curve()
    {
        Assert.Empty(SampleSizeRates.Of(Rows(500, 1000)));
        Assert.Empty(SampleSizeRates.Of(VerdictCurves.Rows([VerdictCurves.Key()], [1, 2, 3])));
    }
}
