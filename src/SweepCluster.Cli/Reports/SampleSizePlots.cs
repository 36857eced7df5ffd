using System.Globalization;
using ScottPlot;
using SweepCluster.Core.Results;
using SweepCluster.Core.Studies;
using SweepCluster.Core.Verdicts;

namespace SweepCluster.Cli.Reports;

/// <summary>plots/gap_vs_n.png/.svg: the gap, the test error and every bound against the sample size n on log-log
/// axes, one panel per curve and depth with three or more sample sizes (<see cref="SampleSizeRates"/>), with
/// shaded 95% intervals over seeds and the fitted exponent in the legend. Written only when a sweep varies train_size.</summary>
internal static class SampleSizePlots
{
    public const string Stem = "gap_vs_n";

    /// <summary>Wider than a depth panel, one above the other: the legend (a fitted exponent per quantity, long lines)
    /// sits beside the data without squeezing its axis, and the n ticks keep their room.</summary>
    private const int PanelWidth = 1500, PanelHeight = 480;

    /// <summary>The gap and bounds as in the depth figures (same labels and colours), the test error, and a CMI sweep's
    /// f-CMI estimate beside its null.</summary>
    private static readonly IReadOnlyList<PanelQuantity> _quantities =
    [
        .. BoundPlots.BoundQuantities.Take(1),
        new(CurveQuantities.TestError, "test error", "#8c564b"),
        .. BoundPlots.BoundQuantities.Skip(1),
        new(CurveQuantities.BFcmi, "b_fcmi (estimate)", "#17becf"),
        new(CurveQuantities.BFcmiNull, "b_fcmi null", "#7f7f7f"),
    ];

    /// <summary>Writes the figure into <paramref name="plotsDir"/> when some curve has three or more sample sizes;
    /// returns the files written (none otherwise).</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<CurveRow> rows, string plotsDir)
    {
        var curves = SampleSizeRates.Of(rows);
        if (curves.Count == 0) return [];
        Directory.CreateDirectory(plotsDir);
        var labels = new CurveLabels(rows.Select(r => r.Key).Distinct());
        var files = new List<string>();
        foreach (var format in new[] { FigureFormat.Png, FigureFormat.Svg })
        {
            var plots = curves.Select(c => Panel(c, labels)).ToList();
            var figure = new Multiplot(plots[0]);
            foreach (var plot in plots.Skip(1)) figure.AddPlot(plot);
            figure.Layout = new ScottPlot.MultiplotLayouts.Grid(plots.Count, 1);
            try
            {
                files.Add(FigureWriter.Write(figure, Path.Combine(plotsDir, Stem), format, 1, plots.Count, PanelHeight, PanelWidth));
            }
            finally
            {
                foreach (var plot in plots) plot.Dispose();
            }
        }
        return files;
    }

    private static Plot Panel(SampleSizeCurve curve, CurveLabels labels)
    {
        var plot = new Plot();
        int offAxis = 0;
        IReadOnlyList<(double X, QuantitySummary Value)> Points(PanelQuantity quantity) =>
            curve.Rows.Select(r => (X: Math.Log10(r.Key.TrainSize), Value: r.Get(quantity.Name))).ToList();
        var axis = ValueAxis.LogFor(_quantities.Where(q => curve.Rate(q.Name) is not null)
            .SelectMany(q => Points(q)).SelectMany(p => new[] { p.Value.Mean, p.Value.CiLow, p.Value.CiHigh }.OfType<double>()));
        foreach (var quantity in _quantities)
        {
            if (curve.Rate(quantity.Name) is not { } rate) continue;
            string label = rate.Fit is { } fit
                ? $"{quantity.Label}: b = {VerdictFormat.Number(fit.Exponent)} {VerdictFormat.Interval(fit.Low, fit.High)}" + (fit.Identity ? " (identity)" : "")
                : $"{quantity.Label}: not fitted";
            offAxis += SeriesDrawer.Draw(plot, Points(quantity),
                new SeriesStyle(Color.FromHex(quantity.ColorHex), label, LinePattern.Solid, MarkerShape.FilledCircle), axis);
        }
        // The n^-1/2 reference through the gap's first point: the rate every bound has at a fixed information.
        if (curve.Rows.FirstOrDefault(r => r.Mean(CurveQuantities.Gap) is > 0) is { } anchor)
        {
            double x0 = Math.Log10(anchor.Key.TrainSize), y0 = Math.Log10(anchor.Mean(CurveQuantities.Gap)!.Value);
            double x1 = Math.Log10(curve.Sizes.Max());
            var reference = plot.Add.Scatter(new[] { x0, x1 }, new[] { y0, y0 - 0.5 * (x1 - x0) }, Colors.Gray);
            reference.LinePattern = LinePattern.Dotted;
            reference.MarkerSize = 0;
            reference.LegendText = "n^-1/2 through the first gap";
        }
        plot.Title($"gap and bounds vs n, {labels.Of(curve.Key, Core.Spec.AxisNames.TrainSize)}, depth {curve.Depth}");
        plot.XLabel("training sample size n (log scale)");
        plot.YLabel("value (log scale)");
        axis.Finish(plot, offAxis);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            curve.Sizes.Select(n => Math.Log10(n)).ToArray(),
            curve.Sizes.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 12;
        return plot;
    }
}
