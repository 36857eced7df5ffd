using System.Globalization;
using ScottPlot;

namespace SweepCluster.Cli.Reports;

/// <summary>Makes a plot's left axis read as a log10 axis. ScottPlot 5 has no log axis: the data are plotted as
/// log10 values and the ticks are labelled with 10^y (the cookbook's log-scale recipe).</summary>
internal static class LogAxis
{
    /// <summary>Ticks for the plot's current y limits (set them first).</summary>
    public static void Apply(Plot plot)
    {
        var limits = plot.Axes.GetLimits();
        if (ReadsInDecades(limits.Bottom, limits.Top))
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = Label,
                IntegerTicksOnly = true,
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            };
            plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
            plot.Grid.MinorLineWidth = 1;
            return;
        }
        var ticks = RoundTicks(limits.Bottom, limits.Top);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, ticks.Select(Label).ToArray());
    }

    /// <summary>Decade ticks with log-spaced minor ticks read best once at least two powers of ten lie on the axis; with
    /// fewer the axis would carry one label or none (a span of 0.003-0.06 shows only 0.01), the minor generator
    /// (which assumes decade gaps) would be wrong, and automatic ticks would fall on values like 447.</summary>
    public static bool ReadsInDecades(double bottom, double top) => Math.Floor(top) - Math.Ceiling(bottom) >= 1;

    /// <summary>log10 of the round values (1, 2, 5 x 10^k, or every digit when those are too few) between
    /// <paramref name="bottom"/> and <paramref name="top"/> (log10 values).</summary>
    public static double[] RoundTicks(double bottom, double top)
    {
        double[] Of(int[] digits) => Enumerable.Range((int)Math.Floor(bottom) - 1, (int)Math.Ceiling(top) - (int)Math.Floor(bottom) + 2)
            .SelectMany(k => digits.Select(m => Math.Log10(m) + k))
            .Where(y => y >= bottom && y <= top).Order().ToArray();
        var round = Of([1, 2, 5]);
        return round.Length >= 3 ? round : Of([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    private static string Label(double y) => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture);
}
