using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Reports;

/// <summary>Draws the curves as figures in plots/: the gap and every bound against depth on a log scale
/// (bound_vs_depth.png/.svg), train and test error against depth (error_vs_depth.png/.svg) and, for a CMI sweep, the
/// train-vs-twin gap with b_fcmi beside its null, b_ldcmi and b_paper from the same runs (fcmi_vs_depth.png/.svg;
/// the corrected values, often 0, would vanish from its log axis: report.md lists them), and for a sweep with three or
/// more values of train_size the gap and bounds against n (<see cref="SampleSizePlots"/>).</summary>
/// <remarks>One panel per act_noise setting, a line per width (and per any other key field that varies),
/// shaded 95% CI bands. Runs headless: ScottPlot renders through SkiaSharp, whose Linux native library comes
/// with ScottPlot's own dependency on SkiaSharp.NativeAssets.Linux.NoDependencies.</remarks>
internal static class BoundPlots
{
    public const string BoundStem = "bound_vs_depth";
    public const string ErrorStem = "error_vs_depth";
    public const string FcmiStem = "fcmi_vs_depth";

    /// <summary>The folder the figures go to, under the results folder.</summary>
    public const string FolderName = "plots";

    /// <summary>The gap and every bound with their labels and colours, shared by every figure that draws them.</summary>
    internal static readonly IReadOnlyList<PanelQuantity> BoundQuantities =
    [
        new(CurveQuantities.Gap, "gap", "#000000"),
        new(CurveQuantities.BXrOut, "B_XR_out", "#1f77b4"),
        new(CurveQuantities.BPaper, "B_paper", "#d62728"),
        new(CurveQuantities.BPaperAllParams, "B_paper (all params)", "#ff7f0e"),
        new(CurveQuantities.BPaperMeasured, "B_paper (measured eta)", "#9467bd"),
        new(CurveQuantities.BIsmi, "B_ISMI", "#2ca02c"),
    ];

    private static readonly IReadOnlyList<PanelQuantity> _errorQuantities =
    [
        new(CurveQuantities.TrainError, "train error", "#1f77b4"),
        new(CurveQuantities.TestError, "test error", "#d62728"),
    ];

    private static readonly IReadOnlyList<PanelQuantity> _fcmiQuantities =
    [
        new(CurveQuantities.FcmiGap, "gap (twin - train)", "#000000"),
        new(CurveQuantities.BFcmi, "b_fcmi", "#2ca02c"),
        new(CurveQuantities.BFcmiNull, "b_fcmi null (coins permuted)", "#7f7f7f"),
        new(CurveQuantities.BLdcmi, "b_ldcmi", "#9467bd"),
        new(CurveQuantities.BPaper, "B_paper", "#d62728"),
    ];

    /// <summary>Writes the figures into <paramref name="plotsDir"/> (created if needed); returns what was written
    /// and how many points a log axis could not show.</summary>
    public static PlotsWritten Write(IReadOnlyList<CurveRow> curves, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(curves);
        Directory.CreateDirectory(plotsDir);
        var files = new List<string>();
        var omitted = 0;
        bool cmi = curves.Any(row => row.Mean(CurveQuantities.BFcmi) is not null);
        foreach (var format in new[] { FigureFormat.Png, FigureFormat.Svg })
        {
            // Skia's SVG backend cannot draw dashed lines, so there series differ by marker alone.
            var dashed = format == FigureFormat.Png;
            var bounds = CurveFigure.Build(curves, BoundQuantities, "gap and bounds", logScale: true, dashed);
            // Errors live in [0, 1] and a train error of exactly 0 is common, so a linear axis shows them whole.
            var errors = CurveFigure.Build(curves, _errorQuantities, "error", logScale: false, dashed);
            var fcmi = cmi ? CurveFigure.Build(curves, _fcmiQuantities, "f-CMI bound and the gap it bounds", logScale: true, dashed).Figure : null;
            omitted = bounds.OmittedNonPositive;
            try
            {
                files.Add(FigureWriter.Write(bounds.Figure, Path.Combine(plotsDir, BoundStem), format));
                files.Add(FigureWriter.Write(errors.Figure, Path.Combine(plotsDir, ErrorStem), format));
                if (fcmi is not null) files.Add(FigureWriter.Write(fcmi, Path.Combine(plotsDir, FcmiStem), format));
            }
            finally
            {
                // Plots hold native Skia resources; a report run may draw many figures in one process.
                var figures = new[] { bounds.Figure, errors.Figure }.Concat(fcmi is null ? [] : [fcmi]);
                foreach (var plot in figures.SelectMany(f => f.Subplots.GetPlots()))
                    plot.Dispose();
            }
        }
        files.AddRange(SampleSizePlots.Write(curves, plotsDir));
        return new PlotsWritten(files, omitted);
    }
}

/// <summary>The image files <see cref="BoundPlots.Write"/> produced, and how many means or CI edges were left
/// off the log-scale figure for being zero or negative (each panel's legend says so too).</summary>
internal sealed record PlotsWritten(IReadOnlyList<string> Files, int OmittedNonPositive);
