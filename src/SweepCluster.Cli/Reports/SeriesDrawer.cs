using ScottPlot;
using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Reports;

/// <summary>How one series looks: colour, legend label, line pattern and marker, and whether its 95% CI is a shaded
/// band (few, well separated lines) or error bars nudged sideways by <see cref="Dodge"/> (several settings in one
/// panel, whose bands would merge into one blur).</summary>
internal sealed record SeriesStyle(Color Color, string Label, LinePattern Pattern, MarkerShape Marker, bool ErrorBars = false, double Dodge = 0,
    float Width = 2);

/// <summary>Draws one series: the mean at each x as a line with markers and its CI.</summary>
internal static class SeriesDrawer
{
    /// <summary>Adds the series to <paramref name="plot"/>; returns how many means sit off a log axis (zero, negative or
    /// below its floor): those are drawn as open triangles under the floor, never dropped, and CI edges under the floor
    /// are clipped to it.</summary>
    public static int Draw(Plot plot, IReadOnlyList<(double X, QuantitySummary Value)> points, SeriesStyle style, ValueAxis axis)
    {
        var offAxis = 0;
        var xs = new List<double>();
        var ys = new List<double>();
        var below = new List<double>();
        var bandXs = new List<double>();
        var lows = new List<double>();
        var highs = new List<double>();

        foreach (var (rawX, summary) in points)
        {
            if (summary.Mean is not { } mean) continue;
            var x = rawX + style.Dodge;
            if (axis.Position(mean) is { } y)
            {
                xs.Add(x);
                ys.Add(y);
            }
            else
            {
                offAxis++;
                below.Add(x);
            }
            if (summary.CiLow is { } low && summary.CiHigh is { } high && axis.Position(high) is { } yHigh)
            {
                bandXs.Add(x);
                lows.Add(axis.Position(low) ?? axis.Floor);
                highs.Add(yHigh);
            }
        }

        if (style.ErrorBars && bandXs.Count > 0)
        {
            var errors = plot.Add.ErrorBar(bandXs.ToArray(), Middles(lows, highs), Halves(lows, highs));
            errors.Color = style.Color.WithAlpha(0.6);
            errors.LineWidth = 1.5f;
            errors.LegendText = "";
        }
        // A band needs two points to have an area; a single interval is still in curves.csv.
        else if (!style.ErrorBars && bandXs.Count >= 2)
        {
            var band = plot.Add.FillY(bandXs.ToArray(), lows.ToArray(), highs.ToArray());
            band.FillColor = style.Color.WithAlpha(0.15);
            band.LineWidth = 0;
            band.LegendText = "";
        }
        if (xs.Count > 0)
        {
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), style.Color);
            line.LegendText = style.Label;
            line.LinePattern = style.Pattern;
            line.LineWidth = style.Width;
            line.MarkerShape = style.Marker;
            line.MarkerSize = 7;
        }
        foreach (var x in below)
        {
            var marker = plot.Add.Marker(x, axis.OffAxisRow, MarkerShape.OpenTriangleDown, 9, style.Color);
            marker.LegendText = xs.Count == 0 && x == below[0] ? style.Label : "";
        }
        return offAxis;
    }

    // Error bars are symmetric about their centre; a CI's edges need not be symmetric about the mean (nor on a log axis).
    private static double[] Middles(List<double> lows, List<double> highs) => lows.Zip(highs, (l, h) => (l + h) / 2).ToArray();

    private static double[] Halves(List<double> lows, List<double> highs) => lows.Zip(highs, (l, h) => (h - l) / 2).ToArray();
}
