using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Verdicts;

/// <summary>P1: B_paper does not rise with depth where layers lose information; in frozen_features its log falls with
/// the slope (1/2) ln eta the formula gives. B_paper_measured, which depends on what the network learned, must not rise
/// either: that is the part of P1 that can fail for a reason other than a bug.</summary>
internal sealed class BoundShapeRule : IPredictionRule
{
    public Prediction Prediction => Prediction.BoundShape;

    public string Rule =>
        "Per curve with analytic eta product < 1, two lines. b_paper: when its seeds hold one value at every depth (it is " +
        "computed from the analytic eta and the run settings alone) the check is an identity: any rise of the mean from " +
        "one depth to the next, or in frozen_features a ln b_paper slope other than (1/2)(ln eta(L_max) - ln eta(L_min)) / " +
        "(L_max - L_min) (log-slope tolerance), fails it as a code bug, otherwise it reports identity; with seed spread it " +
        "is judged as a trend like b_paper_measured. b_paper_measured (and b_paper with spread): least-squares slope " +
        "over the per-seed values against depth, one-sided t-test for a rise, Holm across all trend tests of P1 at the " +
        "trend alpha; a significant rise fails, a pass prints the slope detectable at the trend power. " +
        "Curves with eta = 1 get no prediction.";

    public PredictionVerdict Judge(CurveSet curves)
    {
        var judgements = curves.Curves.SelectMany(c => Judge(c, curves)).ToList();
        return VerdictCombiner.Combine(this, SlopeTests.Resolve(judgements, curves.Thresholds));
    }

    private static IEnumerable<CurveJudgement> Judge(SweepCurve curve, CurveSet curves)
    {
        var t = curves.Thresholds;
        if (!curves.IsLossy(curve))
        {
            yield return new CurveEvidence(curve.Label, Verdict.NoPrediction, "eta = 1 (no contraction): no prediction");
            yield break;
        }
        yield return JudgeAnalytic(curve, t);
        var measuredLabel = $"{curve.Label}: {CurveQuantities.BPaperMeasured}";
        if (!DepthRows.TryTake(curve with { Label = measuredLabel }, CurveQuantities.BPaperMeasured, CurveQuantities.BPaperMeasured, t,
                out var rows, out var notTestable))
            yield return notTestable;
        else if (DepthRows.Slope(rows, CurveQuantities.BPaperMeasured, t) is { } slope)
            yield return new SlopeCheck(measuredLabel, CurveQuantities.BPaperMeasured, Rise: true, slope, "");
        else
            yield return new CurveEvidence(measuredLabel, Verdict.NotTestable, "b_paper_measured slope not fitted (fewer than 3 seed values)");
    }

    private static CurveJudgement JudgeAnalytic(SweepCurve curve, VerdictThresholds t)
    {
        var label = $"{curve.Label}: {CurveQuantities.BPaper}";
        if (!DepthRows.TryTake(curve with { Label = label }, CurveQuantities.BPaper, CurveQuantities.BPaper, t, out var rows, out var notTestable))
            return notTestable;
        var frozen = curve.Key.Mode == TrainingMode.FrozenFeatures.Word();
        var (logHolds, logDetail) = frozen ? CheckLogSlope(rows, t) : (true, "");
        if (DepthRows.OneValueAcrossSeeds(rows, CurveQuantities.BPaper, t))
        {
            var rises = Enumerable.Range(1, rows.Count - 1)
                .Where(i => t.Exceeds(rows[i].Mean(CurveQuantities.BPaper)!.Value, rows[i - 1].Mean(CurveQuantities.BPaper)!.Value))
                .Select(i => rows[i].Depth).ToList();
            var holds = rises.Count == 0 && logHolds;
            var detail = "one value across seeds at every depth (from the analytic eta and the settings alone): " +
                         (holds ? "holds by construction; what it tests is the code (the eta formula and the bound's assembly)"
                             : "a bound computed from the settings alone breaks its own formula: a code bug") +
                         $"; rises at {rises.Count} of {rows.Count - 1} depth steps" +
                         (rises.Count > 0 ? $" (depth {string.Join(", ", rises)})" : "") + logDetail;
            return new CurveEvidence(label, holds ? Verdict.Identity : Verdict.Fail, detail);
        }
        if (DepthRows.Slope(rows, CurveQuantities.BPaper, t) is not { } slope)
            return new CurveEvidence(label, Verdict.NotTestable, "b_paper slope not fitted (fewer than 3 seed values)");
        return new SlopeCheck(label, CurveQuantities.BPaper, Rise: true, slope, logDetail.TrimStart(';', ' '),
            logHolds ? null : "ln b_paper slope inconsistent with (1/2) ln eta");
    }

    /// <summary>In frozen_features B_XR_out is the same at every depth (the output layer does not change), so ln B_paper
    /// moves only through (1/2) ln prod eta: its slope must be the contraction's.</summary>
    private static (bool Holds, string Detail) CheckLogSlope(IReadOnlyList<CurveRow> rows, VerdictThresholds t)
    {
        var points = SweepCurve.SeedPoints(rows, CurveQuantities.BPaper)
            .Where(p => p.Value > 0).Select(p => (p.Depth, Math.Log(p.Value))).ToList();
        var slope = DepthSlope.Fit(points, t.Level);
        var first = rows[0];
        var last = rows[^1];
        if (slope is null || first.Mean(CurveQuantities.EtaAnalyticProduct) is not { } etaFirst
            || last.Mean(CurveQuantities.EtaAnalyticProduct) is not { } etaLast || etaFirst <= 0 || etaLast <= 0)
            return (true, "; ln b_paper slope not fitted");
        var expected = 0.5 * (Math.Log(etaLast) - Math.Log(etaFirst)) / (last.Depth - first.Depth);
        var slack = t.LogSlopeRelativeTolerance * Math.Abs(expected) + t.RelativeTolerance;
        var holds = expected >= slope.Low - slack && expected <= slope.High + slack;
        return (holds, $"; ln b_paper slope {slope}, expected (1/2) ln eta = {VerdictFormat.Number(expected)}" +
                       (holds ? " (consistent)" : " (inconsistent)"));
    }
}
