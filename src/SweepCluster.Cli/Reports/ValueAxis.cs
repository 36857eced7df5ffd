using System.Globalization;
using ScottPlot;

namespace SweepCluster.Cli.Reports;

/// <summary>A panel's value axis: linear, or log10 with a floor. The floor is the smallest positive value within
/// <see cref="Decades"/> of the panel's largest, so one mean of 1e-17 (a gap that is zero up to rounding) cannot stretch
/// the axis down to it; zero, negative and lower values are drawn as open triangles half a decade under the floor.</summary>
internal sealed record ValueAxis(bool Log, double Floor)
{
    public const double Decades = 6;

    public static readonly ValueAxis Linear = new(false, 0);

    /// <summary>A log axis for a panel whose values (means and CI edges) are <paramref name="values"/>.</summary>
    public static ValueAxis LogFor(IEnumerable<double> values) => new(true, FloorOf(values));

    /// <summary>log10 of the smallest positive value within <see cref="Decades"/> of the largest; 0 when none is positive.</summary>
    public static double FloorOf(IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (positive.Count == 0) return 0;
        var cut = positive.Max() * Math.Pow(10, -Decades);
        return Math.Log10(positive.Where(v => v >= cut).Min());
    }

    /// <summary>Where <paramref name="value"/> is drawn; null when it is off a log axis.</summary>
    public double? Position(double value)
    {
        if (!Log) return value;
        if (value <= 0 || !double.IsFinite(value)) return null;
        var y = Math.Log10(value);
        return y >= Floor - 1e-12 ? y : null;
    }

    /// <summary>The height of the off-axis triangles.</summary>
    public double OffAxisRow => Floor - 0.5;

    /// <summary>One plot's limits, ticks and note (<see cref="Frame"/> and <see cref="Note"/>).</summary>
    public void Finish(Plot plot, int offAxis)
    {
        Frame([plot], offAxis > 0);
        Note(plot, offAxis);
    }

    /// <summary>Gives every panel of a figure the same value range (the union of their data, with room for the off-axis
    /// row when <paramref name="offAxis"/>), so panels compare at a glance; then a log axis's ticks.</summary>
    public void Frame(IReadOnlyList<Plot> plots, bool offAxis)
    {
        double bottom = double.PositiveInfinity, top = double.NegativeInfinity;
        // A panel with no data (only a reference line, or a note saying why) would pull the range to its line alone, or
        // to ScottPlot's empty default of -10 to 10 (1e-10 to 1e10 on a log axis).
        foreach (var plot in plots.Where(p => p.GetPlottables().Any(x => x is not (ScottPlot.Plottables.HorizontalLine or ScottPlot.Plottables.Annotation))))
        {
            var x = plot.Axes.GetLimits();
            plot.Axes.AutoScaleY();
            var limits = plot.Axes.GetLimits();
            plot.Axes.SetLimitsX(x.Left, x.Right);
            bottom = Math.Min(bottom, limits.Bottom);
            top = Math.Max(top, limits.Top);
        }
        if (!double.IsFinite(bottom)) return;
        if (Log) bottom = offAxis ? OffAxisRow - 0.3 : Math.Max(bottom, Floor - 0.3);
        foreach (var plot in plots)
        {
            plot.Axes.SetLimitsY(bottom, top);
            if (Log) LogAxis.Apply(plot);
        }
    }

    /// <summary>When values sit off a log axis, a legend line that says how many and where.</summary>
    public void Note(Plot plot, int offAxis)
    {
        if (!Log || offAxis == 0) return;
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = $"\u25bd {offAxis} mean(s) <= 0 or < {Math.Pow(10, Floor).ToString("G2", CultureInfo.InvariantCulture)}: under the axis",
            LineColor = Colors.Transparent,
        });
    }
}
