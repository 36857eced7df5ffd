using System.Globalization;
using System.Text;
using SweepCluster.Core.Verdicts;

namespace SweepCluster.Cli.Reports;

/// <summary>report.md's text: the verdict table, the thresholds, then per prediction its rule, evidence per curve,
/// findings and links to the plots. A function of the verdicts alone (no time, no paths), so `report DIR` writes the
/// same bytes as the live run did.</summary>
internal static class VerdictMarkdown
{
    /// <summary>Relative links from report.md to the figures it discusses.</summary>
    private static readonly string _boundPlot = $"{BoundPlots.FolderName}/{BoundPlots.BoundStem}.png";
    private static readonly string _errorPlot = $"{BoundPlots.FolderName}/{BoundPlots.ErrorStem}.png";
    private static readonly string _fcmiPlot = $"{BoundPlots.FolderName}/{BoundPlots.FcmiStem}.png";
    private static readonly string _gapPlot = $"{BoundPlots.FolderName}/{BoundPlots.GapStem}.png";
    private static readonly string _ratioPlot = $"{BoundPlots.FolderName}/{BoundPlots.RatioStem}.png";
    private static readonly string _layerPlot = $"{BoundPlots.FolderName}/{BoundPlots.LayerStem}.png";

    /// <summary>The page that defines the quantities, predictions and rules, named by its path in the SweepCluster
    /// repository: a results folder may sit anywhere, so a relative link from report.md would not resolve.</summary>
    public const string SciencePage = "docs/SCIENCE.md";

    /// <param name="fcmi">A CMI sweep: link the f-CMI figure too.</param>
    public static string Format(VerdictReport report, int curves, int points, bool fcmi = false)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Verdict on the predictions of {SciencePage} section 8").AppendLine();
        text.AppendLine($"The predictions P1-P7 and their rules are section 8 of `{SciencePage}` in the SweepCluster repository; " +
                        "the quantities are defined in its section 4, the estimators in section 5 and the bounds in section 6.").AppendLine();
        text.AppendLine($"Judged from curves.csv: {curves} curve(s), {points} (curve, depth) point(s). " +
                        $"Plots: [gap and bounds vs depth]({_boundPlot}), [gap vs depth, linear]({_gapPlot}), " +
                        $"[bound / gap vs depth]({_ratioPlot}), [errors vs depth]({_errorPlot}), [I(X;T_l) vs layer]({_layerPlot})" +
                        (fcmi ? $", [the CMI bounds, b_fcmi's null and the gap of their runs vs depth]({_fcmiPlot})." : ".")).AppendLine();
        text.AppendLine("| prediction | verdict | why |").AppendLine("|---|---|---|");
        foreach (var p in report.Predictions)
            text.AppendLine($"| {Heading(p.Prediction)} | **{VerdictWords.Of(p.Verdict)}** | {Cell(p.Why)} |");
        text.AppendLine();
        text.AppendLine($"Predictions: {Counts(report)}. An **identity** holds by construction (a quantity computed from the " +
                        "settings alone, one value across seeds): it tests the code, not the network, and is never counted as a pass.").AppendLine();
        AppendThresholds(text, report.Thresholds);
        foreach (var p in report.Predictions) AppendPrediction(text, p);
        return text.ToString();
    }

    /// <summary>"2 pass, 1 identity, 0 fail, ...": how many predictions got each verdict, in the vocabulary's order.</summary>
    public static string Counts(VerdictReport report) =>
        string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{report.Predictions.Count(p => p.Verdict == v)} {VerdictWords.Of(v)}"));

    /// <summary>"P1 bound shape: ...".</summary>
    public static string Heading(Prediction prediction) =>
        $"{PredictionNames.Id(prediction)} {PredictionNames.Title(prediction)}";

    private static void AppendThresholds(StringBuilder text, VerdictThresholds t)
    {
        text.AppendLine("## Thresholds").AppendLine();
        text.AppendLine($"- Every interval is a Student t-interval over seeds at confidence {N(t.Level)}; slopes are least " +
                        "squares over the per-seed values, with a t-interval on N - 2 degrees of freedom.");
        text.AppendLine($"- Trends (P1, P3, P4) are one-sided t-tests of the depth slope for a violation in the wrong direction, " +
                        $"with Holm's correction across the trend tests of one prediction at family-wise level {N(t.TrendAlpha)}; " +
                        $"a pass prints the slope detectable at {N(t.TrendPower)} power, (t_(1-alpha/m) + t_power) * SE on N - 2 " +
                        "degrees of freedom (m tests).");
        text.AppendLine($"- No prediction passes on fewer than {t.MinDepths} depths or on points with fewer than {t.MinSeeds} seeds.");
        text.AppendLine("- Axis comparisons (P6, P7) count a change only when one interval lies wholly beyond the other; numbers " +
                        $"within a relative {N(t.RelativeTolerance)} count as equal (and seeds within it as one value).");
        text.AppendLine($"- A curve loses information when its analytic eta product is below 1 (by more than {N(t.EtaBelowOne)}).");
        text.AppendLine($"- P2: a mean i_x_t rise beyond {N(t.StandardErrors)} combined standard errors (the larger of the " +
                        "Monte-Carlo and the seed standard error of the mean rise), or any DPI-tightened rise, is a violation.");
        text.AppendLine($"- P1 in frozen_features: the ln B_paper slope may miss (1/2) ln eta by {N(t.LogSlopeRelativeTolerance)} of it beyond its interval.");
        text.AppendLine();
    }

    private static void AppendPrediction(StringBuilder text, PredictionVerdict p)
    {
        text.AppendLine($"## {Heading(p.Prediction)}").AppendLine();
        text.AppendLine($"**{VerdictWords.Of(p.Verdict)}**: {p.Why}").AppendLine();
        text.AppendLine($"Rule: {p.Rule}").AppendLine();
        if (p.Evidence.Count > 0)
        {
            text.AppendLine("| curve | verdict | evidence |").AppendLine("|---|---|---|");
            foreach (var e in p.Evidence)
                text.AppendLine($"| {Cell(e.Curve)} | {VerdictWords.Of(e.Verdict)} | {Cell(e.Detail)} |");
            text.AppendLine();
        }
        if (p.CmiPoints.Count > 0) AppendCmi(text, p.CmiPoints);
        if (p.Findings.Count > 0)
        {
            text.AppendLine("Findings (reported, not judged):").AppendLine();
            foreach (var finding in p.Findings) text.AppendLine($"- {finding}");
            text.AppendLine();
        }
        text.AppendLine($"See: {Links(p.Prediction)}").AppendLine();
    }

    /// <summary>The CMI bounds beside their nulls: what the selections imply for the plug-in bias, then one row per point.</summary>
    private static void AppendCmi(StringBuilder text, IReadOnlyList<CmiEstimatePoint> points)
    {
        double fewest = points.Min(p => p.Selections), most = points.Max(p => p.Selections);
        var k = fewest == most ? F(fewest) : $"{F(fewest)} to {F(most)}";
        var biases = points.Select(p => p.Bias).OfType<double>().ToList();
        text.AppendLine($"CMI bounds (estimated, not certified; not judged): {k} selections per supersample. The plug-in " +
                        "I(F_i; U_i) of a pair is biased upward by about (|F| - 1)/(2k) nats, |F| the prediction pairs it shows" +
                        (biases.Count == 0 ? "" :
                            $": here {F(biases.Min())} to {F(biases.Max())} nats per pair (fcmi_bias), which alone gives " +
                            $"sqrt(2 x bias) = {F(Math.Sqrt(2 * biases.Min()))} to {F(Math.Sqrt(2 * biases.Max()))} in the bound's scale") +
                        ". Null: the same trainings with the coins permuted across selections (true CMI zero), mean and 95% " +
                        "quantile over the permutations; corrected: each pair's null-mean MI subtracted; MM: Miller-Madow. " +
                        "Means over supersamples.").AppendLine();
        text.AppendLine("| curve | depth | b_fcmi | null (q95) | above null | corrected | MM | b_ldcmi | null (q95) | corrected | MM | fcmi_gap |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var p in points)
        {
            var ld = p.Ldcmi is { } l
                ? $"{F(l.Value)} | {F(l.NullMean)} ({F(l.NullQ95)}) | {F(l.Corrected)} | {F(l.MillerMadow)}"
                : "undefined | | | ";
            var above = $"{(p.Distinguishable ? "yes" : "no")}, {p.AboveNull} of {p.Supersamples}";
            text.AppendLine($"| {Cell(p.Curve)} | {p.Depth} | {F(p.Fcmi.Value)} | {F(p.Fcmi.NullMean)} ({F(p.Fcmi.NullQ95)}) | " +
                            $"{above} | {F(p.Fcmi.Corrected)} | {F(p.Fcmi.MillerMadow)} | {ld} | " +
                            $"{F(p.Gap)} {VerdictFormat.Interval(p.GapLow, p.GapHigh)} |");
        }
        text.AppendLine();
        text.AppendLine("above null: b_fcmi's mean above the mean of its null's 95% quantile, and the supersamples whose b_fcmi " +
                        "is above their own null's 95% quantile.").AppendLine();
    }

    private static string F(double? value) => VerdictFormat.Number(value);

    private static string Links(Prediction prediction) => prediction switch
    {
        Prediction.BoundShape => $"[gap and bounds vs depth]({_boundPlot})",
        Prediction.Validity => $"[gap and bounds vs depth]({_boundPlot}), [bound / gap vs depth]({_ratioPlot})",
        Prediction.LabelNoise => $"[gap and bounds vs depth]({_boundPlot}), [gap vs depth, linear]({_gapPlot})",
        Prediction.GapVersusDepth => $"[gap vs depth, linear]({_gapPlot}), [gap and bounds vs depth]({_boundPlot})",
        Prediction.TrainErrorVersusDepth => $"[errors vs depth]({_errorPlot})",
        Prediction.DataProcessing => $"[I(X;T_l) vs layer]({_layerPlot}) and the layer{{l}}_i_x_t_* columns of curves.csv",
        _ => $"[gap and bounds vs depth]({_boundPlot}), [errors vs depth]({_errorPlot})",
    };

    /// <summary>A table cell: a pipe would end the cell early.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string N(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
