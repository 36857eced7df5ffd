using ScottPlot;
using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Reports;

/// <summary>Draws one quantity of one series: the mean against depth (or another x) as a line and its CI as a shaded band.</summary>
internal static class SeriesDrawer
{
    /// <summary>Adds the series to <paramref name="plot"/>; returns how many means or CI edges were left out
    /// because a log axis cannot show them (zero or negative).</summary>
    /// <param name="x">A row's position on the x axis; its depth when null.</param>
    public static int Draw(Plot plot, IReadOnlyList<CurveRow> points, PanelQuantity quantity, string label,
        LinePattern pattern, MarkerShape marker, bool logScale, Func<CurveRow, double>? x = null)
    {
        x ??= row => row.Depth;
        var omitted = 0;
        var color = Color.FromHex(quantity.ColorHex);
        var xs = new List<double>();
        var ys = new List<double>();
        var bandXs = new List<double>();
        var bandLows = new List<double>();
        var bandHighs = new List<double>();

        foreach (var row in points)
        {
            var summary = row.Get(quantity.Name);
            if (summary.Mean is not { } mean) continue;
            if (Transform(mean, logScale) is { } y)
            {
                xs.Add(x(row));
                ys.Add(y);
            }
            else omitted++;

            if (summary.CiLow is not { } low || summary.CiHigh is not { } high) continue;
            if (Transform(low, logScale) is { } yLow && Transform(high, logScale) is { } yHigh)
            {
                bandXs.Add(x(row));
                bandLows.Add(yLow);
                bandHighs.Add(yHigh);
            }
            else omitted++;
        }

        // A band needs two depths to have an area; a single interval is still shown by the points' spread in the CSV.
        if (bandXs.Count >= 2)
        {
            var band = plot.Add.FillY(bandXs.ToArray(), bandLows.ToArray(), bandHighs.ToArray());
            band.FillColor = color.WithAlpha(0.15);
            band.LineWidth = 0;
            band.LegendText = "";
        }
        if (xs.Count > 0)
        {
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
            line.LegendText = label;
            line.LinePattern = pattern;
            line.LineWidth = 2;
            line.MarkerShape = marker;
            line.MarkerSize = 7;
        }
        return omitted;
    }

    private static double? Transform(double value, bool logScale)
    {
        if (!logScale) return value;
        return value > 0 ? Math.Log10(value) : null;
    }
}
