using SweepCluster.Cli.Reports;
using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Tests.Reports;

public sealed class FigureScaleTests
{
    [Fact]
    public void A_mean_of_1e_17_does_not_stretch_the_log_axis_below_six_decades_under_the_largest_value()
    {
        var floor = ValueAxis.FloorOf([2.0, 0.01, 1e-17, 0.0, -0.003]);

        Assert.Equal(Math.Log10(0.01), floor, 12);
        var axis = new ValueAxis(Log: true, floor);
        Assert.Null(axis.Position(1e-17));
        Assert.Null(axis.Position(-0.003));
        Assert.Equal(Math.Log10(2.0), axis.Position(2.0)!.Value, 12);
        Assert.True(axis.OffAxisRow < floor);
    }

    [Fact]
    public void A_linear_axis_draws_every_value()
    {
        Assert.Equal(-0.003, ValueAxis.Linear.Position(-0.003));
    }

    [Fact]
    public void A_log_axis_spanning_less_than_a_decade_is_ticked_at_round_values()
    {
        var ticks = LogAxis.RoundTicks(Math.Log10(79), Math.Log10(562));

        Assert.Equal([100.0, 200.0, 500.0], ticks.Select(t => Math.Round(Math.Pow(10, t), 6)));
    }

    [Theory]
    [InlineData(0.003, 0.06, false, new[] { 0.005, 0.01, 0.02, 0.05 })]
    [InlineData(0.0004, 0.9, true, new double[0])]
    [InlineData(0.01, 0.1, true, new double[0])]
    public void A_log_axis_is_ticked_in_decades_only_when_two_powers_of_ten_lie_on_it(double bottom, double top, bool decades, double[] round)
    {
        Assert.Equal(decades, LogAxis.ReadsInDecades(Math.Log10(bottom), Math.Log10(top)));
        if (!decades)
            Assert.Equal(round, LogAxis.RoundTicks(Math.Log10(bottom), Math.Log10(top)).Select(t => Math.Round(Math.Pow(10, t), 6)));
    }

    [Fact]
    public void The_ratio_to_the_gap_is_defined_only_where_the_gap_is_resolved_from_zero()
    {
        var rows = Curves.Grid(negativeGapAtActNoise: 0.0);

        var ratios = BoundGapRatio.Of(rows);

        foreach (var (row, ratio) in rows.Zip(ratios))
        {
            var paper = ratio.Get(CurveQuantities.BPaper).Mean;
            if (row.Key.ActNoise == 0.0) Assert.Null(paper);
            else Assert.Equal(row.Mean(CurveQuantities.BPaper)!.Value / row.Mean(CurveQuantities.Gap)!.Value, paper!.Value, 12);
        }
    }
}
