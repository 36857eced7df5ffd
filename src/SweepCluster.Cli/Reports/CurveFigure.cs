using System.Globalization;
using ScottPlot;
using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Reports;

/// <summary>Lays curve rows out as one panel per act_noise setting and one series per remaining key.</summary>
internal static class CurveFigure
{
    private static readonly LinePattern[] _patterns =
        [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private static readonly MarkerShape[] _markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
    ];

    /// <summary>The figure and how many values its log axis could not show. <paramref name="dashed"/> tells
    /// series apart by line pattern as well as marker; Skia's SVG backend cannot draw dashes (it draws them solid
    /// and complains on stderr), so SVG figures are built without.</summary>
    public static (Multiplot Figure, int OmittedNonPositive) Build(
        IReadOnlyList<CurveRow> rows, IReadOnlyList<PanelQuantity> quantities, string what, bool logScale, bool dashed)
    {
        if (rows.Count == 0)
        {
            var empty = new Plot();
            empty.Title($"{what} vs depth");
            empty.Add.Annotation("no completed trials yet", Alignment.MiddleCenter);
            return (Assemble([empty]), 0);
        }

        var labels = SeriesLabels.For(rows.Select(r => r.Key).Distinct().ToList());
        // Styled by label, not by key: the same width looks the same in every act_noise panel.
        var styleOf = labels.OrderBy(l => l.Key).Select(l => l.Value).Distinct()
            .Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i);
        var panels = rows.GroupBy(r => r.Key.ActNoise).OrderBy(g => g.Key).ToList();
        var omitted = 0;
        var plots = new List<Plot>();

        foreach (var panelRows in panels)
        {
            var plot = new Plot();
            plots.Add(plot);
            var panelOmitted = 0;
            foreach (var series in panelRows.GroupBy(r => r.Key).OrderBy(g => g.Key))
            {
                var style = styleOf[labels[series.Key]];
                var pattern = dashed ? _patterns[style % _patterns.Length] : LinePattern.Solid;
                var points = series.OrderBy(r => r.Depth).ToList();
                foreach (var quantity in quantities)
                    panelOmitted += SeriesDrawer.Draw(plot, points, quantity, $"{quantity.Label}, {labels[series.Key]}",
                        pattern, _markers[style % _markers.Length], logScale);
            }
            omitted += panelOmitted;
            Decorate(plot, panelRows.Key, what, logScale, panelOmitted);
        }

        return (Assemble(plots), omitted);
    }

    private static Multiplot Assemble(IReadOnlyList<Plot> plots)
    {
        // Multiplot(plot) starts with that one panel (the parameterless constructor adds an empty one).
        var figure = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1)) figure.AddPlot(plot);
        var (columns, rows) = FigureWriter.GridSize(plots.Count);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        return figure;
    }

    private static void Decorate(Plot plot, double actNoise, string what, bool logScale, int omitted)
    {
        plot.Title($"{what} vs depth, act_noise = {actNoise.ToString("G4", CultureInfo.InvariantCulture)}");
        plot.XLabel("depth L");
        plot.YLabel(logScale ? $"{what} (log scale)" : what);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (logScale) LogAxis.Apply(plot);
        if (omitted > 0)
        {
            // A log axis cannot show zero or negative values: say so where the reader looks for the key.
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"{omitted} value(s) <= 0 not drawn (log scale)",
                LineColor = Colors.Transparent,
            });
        }
        // Beside the data rather than over it: with several widths the key is long.
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 10;
    }
}
