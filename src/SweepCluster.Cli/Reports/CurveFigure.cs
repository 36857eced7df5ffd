using ScottPlot;
using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Reports;

/// <summary>What a small-multiples figure draws: its title, axis labels, the quantities of every curve and where each
/// quantity's points come from (by default the quantity of each row, against depth), a log or linear value axis and an
/// optional reference line (zero for a gap, one for a ratio).</summary>
internal sealed record FigureSpec(string Title, string XLabel, string YLabel, bool Log, IReadOnlyList<PanelQuantity> Quantities)
{
    /// <summary>The most legend lines a panel gets: more settings than fit go to more panels.</summary>
    public const int MaxLegendEntries = 8;

    public (double Y, string Label)? Reference { get; init; }

    /// <summary>Where the quantities can lie (an error in [0, 1]): the value axis stays inside, so the t-interval of a
    /// few seeds, which may reach past it, runs off the panel's edge instead of squeezing the data into a band.</summary>
    public (double Low, double High)? Within { get; init; }

    /// <summary>The least range a linear value axis shows, centred on the data: differences far below the quantity's
    /// resolution stay flat instead of filling the panel.</summary>
    public double MinimumSpan { get; init; }

    /// <summary>The points of one quantity of one curve, from the curve's rows ordered by depth.</summary>
    public Func<IReadOnlyList<CurveRow>, PanelQuantity, IReadOnlyList<(double X, QuantitySummary Value)>> Points { get; init; } =
        (rows, quantity) => rows.Select(r => (X: (double)r.Depth, Value: r.Find(quantity.Name)))
            .Where(p => p.Value is { Mean: not null }).Select(p => (p.X, p.Value!)).ToList();

    /// <summary>How many curves may share a panel, when not every curve brings a legend line per quantity.</summary>
    public int? CurvesPerPanel { get; init; }

    /// <summary>How many curves share a panel: by default as many as keep the legend within <see cref="MaxLegendEntries"/>.</summary>
    public int SeriesPerPanel => CurvesPerPanel ?? Math.Max(1, MaxLegendEntries / Math.Max(1, Quantities.Count));

    /// <summary>What a panel says whose curve has none of the quantities.</summary>
    public string Undefined { get; init; } = "not defined for this curve";

    /// <summary>What an empty figure says.</summary>
    public string Empty { get; init; } = "nothing to draw";
}

/// <summary>Builds a figure as the small multiples of <see cref="PanelLayout"/>. A panel of one curve colours its
/// quantities (the same colour for a quantity in every figure); a panel of several curves colours the settings (the same
/// colour for a setting in every panel) and tells quantities apart by line pattern and marker.</summary>
internal static class CurveFigure
{
    private static readonly LinePattern[] _patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private static readonly MarkerShape[] _markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];

    /// <summary>Category10: distinct at a glance, and the first eight settle any panel this layout makes.</summary>
    private static readonly string[] _settingColours =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The figure, its grid and how many means sat off a log axis. <paramref name="dashed"/>: Skia's SVG
    /// backend cannot draw dashes (it draws them solid and complains on stderr), so SVG figures are built without.</summary>
    public static BuiltFigure Build(IReadOnlyList<CurveRow> rows, FigureSpec spec, bool dashed)
    {
        var layout = PanelLayout.Of(rows.Select(r => r.Key), spec.SeriesPerPanel);
        if (layout.Panels.Count == 0)
        {
            var empty = new Plot();
            empty.Title(spec.Title);
            Say(empty, rows.Count == 0 ? "no completed trials yet" : spec.Empty);
            return new BuiltFigure(Assemble([empty], 1, 1), 1, 1, 0);
        }

        var byKey = rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<CurveRow>)g.OrderBy(r => r.Depth).ToList());
        var cells = new Plot?[layout.Rows * layout.Columns];
        var offAxis = 0;
        var panels = layout.Panels.Select(panel => (Panel: panel, Series: panel.Series
            .SelectMany(s => spec.Quantities.Select((q, i) => (Setting: s, Quantity: q, Index: i, Points: spec.Points(byKey[s.Key], q))))
            .Where(s => s.Points.Count > 0).ToList())).ToList();
        // One axis for the figure: the same floor and range in every panel.
        var axis = spec.Log
            ? ValueAxis.LogFor(panels.SelectMany(p => p.Series).SelectMany(s => s.Points).SelectMany(p => Values(p.Value)))
            : ValueAxis.Linear;
        foreach (var (panel, series) in panels)
        {
            var plot = new Plot();
            cells[panel.Row * layout.Columns + panel.Column] = plot;
            bool several = panel.Series.Count > 1;
            var panelOffAxis = 0;
            foreach (var s in series)
            {
                var style = several
                    ? new SeriesStyle(Color.FromHex(_settingColours[s.Setting.Color % _settingColours.Length]),
                        spec.Quantities.Count > 1 ? $"{s.Quantity.Label}, {s.Setting.Label}" : s.Setting.Label,
                        dashed ? _patterns[s.Index % _patterns.Length] : LinePattern.Solid, _markers[s.Index % _markers.Length],
                        ErrorBars: true, Dodge: Nudge(panel.Series.ToList().IndexOf(s.Setting), panel.Series.Count))
                    : new SeriesStyle(Color.FromHex(s.Quantity.ColorHex), s.Quantity.Label, LinePattern.Solid,
                        _markers[s.Index % _markers.Length], Width: s.Quantity.Width);
                panelOffAxis += SeriesDrawer.Draw(plot, s.Points, style, axis);
            }
            offAxis += panelOffAxis;
            Decorate(plot, panel, spec, axis, panelOffAxis, series.Count == 0);
        }
        // One x range for every panel, so a depth sits at the same place in each and an empty panel still shows the range.
        var xs = panels.SelectMany(p => p.Series).SelectMany(s => s.Points).Select(p => p.X).ToList();
        if (xs.Count == 0) xs = rows.Select(r => (double)r.Depth).ToList();
        if (xs.Count > 0)
            foreach (var plot in cells.OfType<Plot>()) plot.Axes.SetLimitsX(xs.Min() - 0.4, xs.Max() + 0.4);
        axis.Frame(cells.OfType<Plot>().ToList(), offAxis > 0);
        foreach (var plot in cells.OfType<Plot>())
        {
            var limits = plot.Axes.GetLimits();
            if (!spec.Log && limits.Top - limits.Bottom < spec.MinimumSpan)
            {
                var middle = (limits.Top + limits.Bottom) / 2;
                plot.Axes.SetLimitsY(middle - spec.MinimumSpan / 2, middle + spec.MinimumSpan / 2);
            }
        }
        if (spec.Within is var (low, high))
            foreach (var plot in cells.OfType<Plot>())
            {
                var limits = plot.Axes.GetLimits();
                plot.Axes.SetLimitsY(Math.Max(limits.Bottom, low - 0.02 * (high - low)), Math.Min(limits.Top, high + 0.02 * (high - low)));
            }
        var plots = cells.Select(c => c ?? Blank()).ToList();
        return new BuiltFigure(Assemble(plots, layout.Rows, layout.Columns), layout.Columns, layout.Rows, offAxis);
    }

    /// <summary>Settings side by side around each x, a tenth of a unit apart at most, so their error bars do not overlap.</summary>
    private static double Nudge(int place, int settings) =>
        settings <= 1 ? 0 : (place - (settings - 1) / 2.0) * Math.Min(0.1, 0.4 / settings);

    private static IEnumerable<double> Values(QuantitySummary summary) =>
        new[] { summary.Mean, summary.CiLow, summary.CiHigh }.OfType<double>();

    private static void Decorate(Plot plot, Panel panel, FigureSpec spec, ValueAxis axis, int offAxis, bool nothing)
    {
        plot.Title(panel.Title, size: 13);
        plot.XLabel(spec.XLabel, size: 12);
        plot.YLabel(spec.Log ? $"{spec.YLabel} (log scale)" : spec.YLabel, size: 12);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (nothing) Say(plot, spec.Undefined);
        if (spec.Reference is { } reference && axis.Position(reference.Y) is { } y)
        {
            var line = plot.Add.HorizontalLine(y, 1, Colors.Gray, LinePattern.Dotted);
            line.LegendText = reference.Label;
        }
        axis.Note(plot, offAxis);
        // Beside the data rather than over it, and at most MaxLegendEntries short lines. A panel of one curve keys its
        // quantities, the same in every panel: a row under the data leaves the title and the data the panel's width.
        if (panel.Series.Count == 1)
        {
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
        }
        else plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 11;
    }

    /// <summary>A plain note in the middle of the panel, in place of data.</summary>
    private static void Say(Plot plot, string text)
    {
        var note = plot.Add.Annotation(text, Alignment.MiddleCenter);
        note.LabelBackgroundColor = Colors.White;
        note.LabelShadowColor = Colors.Transparent;
        note.LabelBorderColor = Colors.Gray;
    }

    private static Plot Blank()
    {
        var plot = new Plot();
        plot.Layout.Frameless();
        return plot;
    }

    private static Multiplot Assemble(IReadOnlyList<Plot> plots, int rows, int columns)
    {
        // Multiplot(plot) starts with that one panel (the parameterless constructor adds an empty one).
        var figure = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1)) figure.AddPlot(plot);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        return figure;
    }
}

/// <summary>A built figure, its grid (for the image's size) and how many means sat off its log axes.</summary>
internal sealed record BuiltFigure(Multiplot Figure, int Columns, int Rows, int OffAxis) : IDisposable
{
    // Plots hold native Skia resources; a report run may draw many figures in one process.
    public void Dispose()
    {
        foreach (var plot in Figure.Subplots.GetPlots()) plot.Dispose();
    }
}
