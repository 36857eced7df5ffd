using System.Globalization;
using ScottPlot;

namespace SweepCluster.Cli.Reports;

/// <summary>Makes a plot's left axis read as a log10 axis. ScottPlot 5 has no log axis: the data are plotted as
/// log10 values and the ticks are labelled with 10^y (the cookbook's log-scale recipe).</summary>
internal static class LogAxis
{
    public static void Apply(Plot plot)
    {
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
        };
        // Decade ticks with log-spaced minor ticks read best once the data span a decade; over a narrower span
        // the minor generator (which assumes decade gaps) would be wrong, so plain ticks stay.
        if (limits.Top - limits.Bottom >= 1)
        {
            ticks.IntegerTicksOnly = true;
            ticks.MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator();
            plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
            plot.Grid.MinorLineWidth = 1;
        }
        plot.Axes.Left.TickGenerator = ticks;
    }
}
