using SweepCluster.Core.Data;
using SweepCluster.Core.Information;

namespace SweepCluster.Core.Tests.Information;

public sealed class BinningEstimatorTests
{
    private const double Exact = 1e-12;

    [Fact]
    public void Four_rows_in_four_bins_give_log_4()
    {
        // 4 bins of width 0.5 on [-1, 1]: [-1,-0.5), [-0.5,0), [0,0.5), [0.5,1].
        var t = Column(-0.9, -0.4, 0.1, 0.6);
        Assert.Equal([0, 1, 2, 3], BinningEstimator.Symbols(t, bins: 4));
        var result = BinningEstimator.Estimate(t, [0, 0, 1, 1], bins: 4);
        Assert.Equal(Math.Log(4), result.X, Exact);
        Assert.Equal(Math.Log(2), result.Y, Exact); // labels are a function of T: I(Y;T) = H(Y)
        Assert.Equal(4, result.DistinctSymbols);
    }

    [Fact]
    public void All_rows_in_one_bin_give_zero()
    {
        var t = Column(0.01, 0.02, 0.03, 0.04);
        var result = BinningEstimator.Estimate(t, [0, 1, 0, 1], bins: 30);
        Assert.Equal(0.0, result.X);
        Assert.Equal(0.0, result.Y);
        Assert.Equal(1, result.DistinctSymbols);
    }

    [Fact]
    public void Label_information_matches_a_hand_worked_table()
    {
        // Bins (4 on [-1, 1]) -> symbols A A B B C C C C with labels 0 1 0 0 1 1 1 1.
        // H(Y) = -(3/8 ln 3/8 + 5/8 ln 5/8); H(Y|T) = (2/8) ln 2 (only bin A is mixed), so
        // I(Y;T) = H(Y) - (1/4) ln 2 = 0.48834.
        var t = Column(-0.9, -0.8, -0.3, -0.2, 0.2, 0.3, 0.4, 0.45);
        var result = BinningEstimator.Estimate(t, [0, 1, 0, 0, 1, 1, 1, 1], bins: 4);
        double hy = -(3.0 / 8 * Math.Log(3.0 / 8) + 5.0 / 8 * Math.Log(5.0 / 8));
        Assert.Equal(hy - 0.25 * Math.Log(2), result.Y, Exact);
        // H(T) with counts 2, 2, 4 of 8.
        Assert.Equal(-(2 * 0.25 * Math.Log(0.25) + 0.5 * Math.Log(0.5)), result.X, Exact);
    }

    [Fact]
    public void Rows_are_binned_as_tuples_and_out_of_range_values_fall_in_edge_bins()
    {
        // Same bin in column 0, different in column 1 -> different symbols; -5 and +5 clamp to the edge bins,
        // and hi = 1 itself belongs to the last bin.
        var t = new SampleMatrix([0.1, -0.9, 0.2, 0.9, -5.0, 5.0, -1.0, 1.0], 4, 2);
        Assert.Equal([0, 1, 2, 2], BinningEstimator.Symbols(t, bins: 2));
    }

    [Fact]
    public void Data_range_variant_bins_unbounded_activations()
    {
        // relu-like values on [0, 4] with 4 bins of width 1.
        var t = Column(0.0, 1.5, 2.5, 4.0);
        Assert.Equal([0, 1, 2, 3], BinningEstimator.SymbolsOverDataRange(t, bins: 4));
        // Constant data: one symbol, nothing to measure.
        Assert.Equal([0, 0, 0], BinningEstimator.SymbolsOverDataRange(Column(3.0, 3.0, 3.0), bins: 4));
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var t = Column(0.0, 0.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => BinningEstimator.Symbols(t, bins: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinningEstimator.Symbols(t, 4, lo: 1.0, hi: 1.0));
        Assert.Throws<ArgumentException>(() => BinningEstimator.Estimate(t, [0]));
        Assert.Throws<ArgumentException>(() => BinningEstimator.Symbols(Column(double.NaN)));
    }

    private static SampleMatrix Column(params double[] values) => new(values, values.Length, 1);
}
