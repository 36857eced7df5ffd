using System.Text;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Studies;
using SweepCluster.Core.Verdicts;

namespace SweepCluster.Cli.Reports;

/// <summary>report.md's two study sections, reported and not judged: where depth helps and whether the bounds follow
/// the gap's depth trend where training works (<see cref="DepthTrends"/>), and, when train_size takes three or more
/// values, the gap's and each bound's power law in n (<see cref="SampleSizeRates"/>).</summary>
internal static class StudyMarkdown
{
    private static readonly string _sizePlot = $"{BoundPlots.FolderName}/{SampleSizePlots.Stem}.png";

    public static string Format(IReadOnlyList<CurveRow> rows)
    {
        var text = new StringBuilder();
        var labels = new CurveLabels(rows.Select(r => r.Key).Distinct());
        AppendDepth(text, rows, DepthTrends.Of(rows), labels);
        var sizes = SampleSizeRates.Of(rows);
        if (sizes.Count > 0) AppendSampleSize(text, sizes, labels);
        return text.ToString();
    }

    private static void AppendDepth(StringBuilder text, IReadOnlyList<CurveRow> rows, IReadOnlyList<DepthTrend> trends, CurveLabels labels)
    {
        if (trends.Count == 0) return;
        text.AppendLine("## Where depth helps, and whether the bounds follow the gap there (reported, not judged)").AppendLine();
        text.AppendLine("Per curve: the depth of least mean test error and whether its interval lies wholly below the " +
                        "shallowest depth's; the depths where training works (train error's upper interval edge below half " +
                        "the chance error); and over those depths, when there are at least " +
                        $"{DepthTrends.MinDepths}, the per-seed depth slope of the gap and of each bound with its 95% interval. " +
                        "Each bound shows its mean at the first and last of those depths; it **tracks** the gap when its slope " +
                        "has the gap's direction (falls, rises, or holds zero in its interval). A bound with one value " +
                        "across seeds at every depth is computed from the settings alone (an identity) and is not compared, nor is " +
                        "b_paper_measured where the last layer's i_x_t is unresolved (mean path drift beyond its mean standard " +
                        "error, or a mean below zero beyond it): there it is the estimator's error, not a measurement.").AppendLine();
        int clear = trends.Count(t => t.ClearOfShallowest);
        text.AppendLine($"Test-error minimum deeper than the shallowest depth with its interval clear of it: {clear} of {trends.Count} curve(s).").AppendLine();
        text.AppendLine("| curve | least test error at depth | clear of the shallowest | training works at depths | gap slope | bounds: slope, tracks the gap? |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var t in trends)
        {
            var gap = t.Gap is { } g ? $"{g.Slope}" : "not fitted";
            var bounds = t.Gap is null ? "" : string.Join("; ", t.Slopes.Where(s => s.Quantity != CurveQuantities.Gap)
                .Select(s => $"{s.Quantity} {Span(rows, t, s.Quantity)}, " + (s.Identity
                    ? "identity (one value across seeds, from the settings)"
                    : $"slope {VerdictFormat.Number(s.Slope.Value)} {VerdictFormat.Interval(s.Slope.Low, s.Slope.High)}, " +
                      t.Tracks(s) switch
                      {
                          true => "tracks",
                          false => "does not track",
                          null => $"not compared: i_x_t unresolved at depth {string.Join(", ", t.UnresolvedInformationDepths)}",
                      })));
            var depths = t.TrainingDepths.Count == 0 ? "none" : string.Join(", ", t.TrainingDepths);
            text.AppendLine($"| {Cell(labels.Of(t.Key))} | {t.BestDepth} | {(t.ClearOfShallowest ? "yes" : "no")} | {depths} | {gap} | {Cell(bounds)} |");
        }
        text.AppendLine();
    }

    private static void AppendSampleSize(StringBuilder text, IReadOnlyList<SampleSizeCurve> curves, CurveLabels labels)
    {
        text.AppendLine("## Sample size: the gap's and the bounds' rate in n (reported, not judged)").AppendLine();
        text.AppendLine("Per curve and depth, each quantity's power law q = A n^b fitted by least squares of ln(mean) on " +
                        $"ln(n), with a 95% bootstrap interval on b ({PowerLawFit.Resamples} resamples of the seeds at each n; " +
                        "undefined when over 5% of them put a mean at or below zero). Sizes where the quantity is zero within its " +
                        "noise (its 95% interval over seeds reaches zero) are left out of the fit and counted. The paper's bounds fall like n^-0.5 at a fixed information; " +
                        $"n(q = {VerdictFormat.Number(SampleSizeRates.TargetGap)}) is where the fitted law reaches " +
                        $"{VerdictFormat.Number(SampleSizeRates.TargetGap)} (the sample complexity of that level; " +
                        "beyond the largest n it is an extrapolation, marked with >, and not printed beyond 100 times it). " +
                        $"Figure: [gap and bounds vs n]({_sizePlot}).").AppendLine();
        text.AppendLine("| curve | depth | n | quantity | exponent b [95%] | n(q = 0.01) | mean at each n |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var curve in curves)
        {
            int largest = curve.Sizes.Max();
            foreach (var rate in curve.Rates)
            {
                var means = string.Join(", ", curve.Rows.Select(r => VerdictFormat.Number(r.Mean(rate.Quantity))));
                string exponent = rate.Fit is not { } fit
                    ? "not fitted (fewer than 3 sizes resolved from zero)"
                    : $"{VerdictFormat.Number(fit.Exponent)} {VerdictFormat.Interval(fit.Low, fit.High)}" +
                      (fit.Identity ? " identity" : "") + (fit.LeftOut > 0 ? $", fitted on n = {string.Join(", ", fit.Sizes)} ({fit.LeftOut} zero within noise)" : "") +
                      (rate.Quantity == CurveQuantities.BPaperMeasured && curve.UnresolvedInformationSizes.Count > 0
                          ? $"; i_x_t unresolved at n = {string.Join(", ", curve.UnresolvedInformationSizes)} (not a measurement there)" : "");
                // A test error does not fall to zero with n (it falls to the Bayes error): no level to reach.
                string reach = rate.Fit is null || rate.Quantity == CurveQuantities.TestError ? ""
                    : rate.SizeToReach(SampleSizeRates.TargetGap) is { } n
                        ? (n > 100.0 * largest ? $"> 100 x {largest}" : n > largest ? $"> {largest} ({VerdictFormat.Number(n)})" : VerdictFormat.Number(n))
                        : "never (not falling)";
                text.AppendLine($"| {Cell(labels.Of(curve.Key, AxisNames.TrainSize))} | {curve.Depth} | " +
                                $"{string.Join(", ", curve.Sizes)} | {rate.Quantity} | {exponent} | {reach} | {means} |");
            }
        }
        text.AppendLine();
    }

    /// <summary>"0.52 to 0.31": the mean at the first and the last depth where training works.</summary>
    private static string Span(IReadOnlyList<CurveRow> rows, DepthTrend trend, string quantity)
    {
        double? At(int depth) => rows.FirstOrDefault(r => r.Key == trend.Key && r.Depth == depth)?.Mean(quantity);
        return $"{VerdictFormat.Number(At(trend.TrainingDepths[0]))} to {VerdictFormat.Number(At(trend.TrainingDepths[^1]))}";
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
