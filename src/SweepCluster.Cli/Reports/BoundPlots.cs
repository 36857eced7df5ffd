using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Reports;

/// <summary>Draws the curves as figures in plots/ (PNG and SVG), each as small multiples (<see cref="PanelLayout"/>):
/// the gap and every bound against depth on a log axis (bound_vs_depth), the gap on a linear axis with zero marked
/// (gap_vs_depth), train and test error (error_vs_depth), each bound over the gap (bound_gap_ratio_vs_depth), the
/// consistent I(X;T_l) against the layer (ixt_vs_layer), for a CMI sweep b_fcmi and b_ldcmi beside their
/// shuffled-coin nulls (fcmi_vs_depth), and for a sweep with three or more values of train_size the gap and bounds
/// against n (<see cref="SampleSizePlots"/>).</summary>
/// <remarks>Runs headless: ScottPlot renders through SkiaSharp, whose Linux native library comes with ScottPlot's own
/// dependency on SkiaSharp.NativeAssets.Linux.NoDependencies.</remarks>
internal static class BoundPlots
{
    public const string BoundStem = "bound_vs_depth";
    public const string GapStem = "gap_vs_depth";
    public const string ErrorStem = "error_vs_depth";
    public const string RatioStem = "bound_gap_ratio_vs_depth";
    public const string LayerStem = "ixt_vs_layer";
    public const string FcmiStem = "fcmi_vs_depth";

    /// <summary>The folder the figures go to, under the results folder.</summary>
    public const string FolderName = "plots";

    /// <summary>The gap and every bound with their labels and colours, shared by every figure that draws them.</summary>
    internal static readonly IReadOnlyList<PanelQuantity> BoundQuantities =
    [
        new(CurveQuantities.Gap, "gap", "#000000"),
        new(CurveQuantities.BXrOut, "B_XR_out", "#1f77b4", Width: 6),
        new(CurveQuantities.BPaper, "B_paper", "#d62728", Width: 4),
        new(CurveQuantities.BPaperAllParams, "B_paper (all params)", "#ff7f0e", Width: 3),
        new(CurveQuantities.BPaperMeasured, "B_paper (measured eta)", "#9467bd", Width: 2.5f),
        new(CurveQuantities.BIsmi, "B_ISMI", "#2ca02c"),
    ];

    private static readonly FigureSpec _bounds = new("gap and bounds vs depth", "depth L", "gap, bound (0-1 loss)", Log: true, BoundQuantities);

    // The gap is often zero within its noise or negative: a linear axis shows it whole, with zero marked.
    private static readonly FigureSpec _gap = new("gap vs depth", "depth L", "gap = test - train error", Log: false, BoundQuantities.Take(1).ToList())
    {
        Reference = (0, "zero gap"),
    };

    // Errors live in [0, 1] and a train error of exactly 0 is common, so a linear axis shows them whole.
    private static readonly FigureSpec _errors = new("error vs depth", "depth L", "0-1 error", Log: false,
    [
        new(CurveQuantities.TrainError, "train", "#1f77b4"),
        new(CurveQuantities.TestError, "test", "#d62728"),
    ]) { Within = (0, 1) };

    private static readonly FigureSpec _ratio = new("bound / gap vs depth", "depth L", "mean bound / mean gap", Log: true, BoundQuantities.Skip(1).ToList())
    {
        Reference = (1, "bound = gap"),
        Undefined = "gap not resolved from 0 at any depth",
    };

    private static readonly FigureSpec _fcmi = new("CMI bounds vs depth", "depth L", "gap, bound (0-1 loss)", Log: true,
    [
        new(CurveQuantities.FcmiGap, "gap (twin - train)", "#000000"),
        new(CurveQuantities.BFcmi, "b_fcmi", "#2ca02c"),
        new(CurveQuantities.BFcmiNull, "b_fcmi null (coins shuffled)", "#98df8a"),
        new(CurveQuantities.BLdcmi, "b_ldcmi", "#9467bd"),
        new(CurveQuantities.BLdcmiNull, "b_ldcmi null (coins shuffled)", "#c5b0d5"),
        new(CurveQuantities.BPaper, "B_paper", "#d62728"),
    ]);

    /// <summary>What a figure shows, by its file stem: report.html's caption.</summary>
    public static string Caption(string stem) => stem switch
    {
        BoundStem => "the gap (test - train error) and every bound against depth, one panel per curve, log axis shared by " +
                     "the panels; shaded: 95% CI over seeds; open triangles under the axis: means at or below zero (or six " +
                     "decades under the largest value).",
        GapStem => "the gap against depth on a linear axis with zero marked, a colour per setting (the same in every " +
                   "panel); bars: 95% CI over seeds, nudged sideways so they do not overlap.",
        ErrorStem => "train (solid) and test (dashed) error against depth, a colour per setting; bars: 95% CI over seeds.",
        RatioStem => "each bound divided by the gap (ratio of means), where the gap's 95% CI lies above zero; " +
                     "the dotted line is bound = gap, below it a bound fails to bound the mean gap.",
        LayerStem => "the consistent estimate of I(X;T_l) against the layer l, one line per depth L; P2 expects every line " +
                     "non-increasing. Curves measured by binning alone (act_noise 0) are left out.",
        FcmiStem => "the gap of the CMI runs (twin - train), b_fcmi and b_ldcmi beside their shuffled-coin nulls (the same " +
                    "trainings with the coins permuted: true CMI zero), and B_paper, against depth.",
        SampleSizePlots.Stem => "the gap, the test error and every bound against the sample size n on log-log axes, " +
                                "with the fitted exponent in the legend and an n^-1/2 reference.",
        _ => "",
    };

    /// <summary>The error figure with the chance error marked when every curve has the same one (one class count).</summary>
    private static FigureSpec WithChance(FigureSpec spec, IReadOnlyList<CurveRow> curves) =>
        curves.Select(r => r.Mean(CurveQuantities.ChanceError)).OfType<double>().Distinct().ToList() is [var chance]
            ? spec with { Reference = (chance, "chance (1 - 1/C)") }
            : spec;

    /// <summary>Writes the figures into <paramref name="plotsDir"/> (created if needed); returns what was written
    /// and how many means a log axis drew under its floor.</summary>
    public static PlotsWritten Write(IReadOnlyList<CurveRow> curves, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(curves);
        Directory.CreateDirectory(plotsDir);
        bool cmi = curves.Any(row => row.Mean(CurveQuantities.BFcmi) is not null);
        var figures = new List<(string Stem, IReadOnlyList<CurveRow> Rows, FigureSpec Spec)>
        {
            (BoundStem, curves, _bounds),
            (GapStem, curves, _gap),
            (ErrorStem, curves, WithChance(_errors, curves)),
            (RatioStem, BoundGapRatio.Of(curves), _ratio),
            (LayerStem, LayerInformationFigure.Rows(curves), LayerInformationFigure.Spec(curves)),
        };
        if (cmi) figures.Add((FcmiStem, curves, _fcmi));

        var files = new List<string>();
        var offAxis = 0;
        foreach (var format in new[] { FigureFormat.Png, FigureFormat.Svg })
        foreach (var (stem, rows, spec) in figures)
        {
            // Skia's SVG backend cannot draw dashed lines, so there series differ by marker alone.
            using var built = CurveFigure.Build(rows, spec, dashed: format == FigureFormat.Png);
            if (stem == BoundStem) offAxis = built.OffAxis;
            files.Add(FigureWriter.Write(built, Path.Combine(plotsDir, stem), format));
        }
        files.AddRange(SampleSizePlots.Write(curves, plotsDir));
        return new PlotsWritten(files, offAxis);
    }
}

/// <summary>The image files <see cref="BoundPlots.Write"/> produced, and how many means the gap-and-bounds figure drew
/// under its log axis's floor for being zero, negative or too small (each panel's legend says so too).</summary>
internal sealed record PlotsWritten(IReadOnlyList<string> Files, int OffAxis);
