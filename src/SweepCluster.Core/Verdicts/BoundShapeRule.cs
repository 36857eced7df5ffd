using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Verdicts;

/// <summary>P1: B_paper does not rise with depth where layers lose information; in frozen_features its log falls with
/// the slope (1/2) ln eta the formula gives.</summary>
public sealed class BoundShapeRule : IPredictionRule
{
    public Prediction Prediction => Prediction.BoundShape;

    public string Rule =>
        "Per curve with analytic eta product < 1: a violation is a depth L+1 whose b_paper interval lies wholly above " +
        "depth L's; any violation fails. In frozen_features the least-squares slope of ln b_paper over the per-seed " +
        "values must contain (1/2)(ln eta(L_max) - ln eta(L_min)) / (L_max - L_min), widened by the log-slope tolerance. " +
        "Curves with eta = 1 get no prediction.";

    public PredictionVerdict Judge(CurveSet curves) =>
        VerdictCombiner.Combine(this, curves.Curves.Select(c => Judge(c, curves)).ToList());

    private static CurveEvidence Judge(SweepCurve curve, CurveSet curves)
    {
        var t = curves.Thresholds;
        if (!curves.IsLossy(curve))
            return new CurveEvidence(curve.Label, Verdict.NoPrediction, "eta = 1 (no contraction): no prediction");
        if (!DepthRows.TryTake(curve, CurveQuantities.BPaper, "b_paper", t, out var rows, out var notTestable)) return notTestable;

        var violations = DepthRows.RisingAt(rows, CurveQuantities.BPaper, t).Count;
        var slope = DepthRows.Slope(rows, CurveQuantities.BPaper, t);
        var detail = $"b_paper slope {Describe(slope)}; {violations} of {rows.Count - 1} depth steps rise beyond the interval";
        var logSlopeHolds = true;
        if (curve.Key.Mode == TrainingMode.FrozenFeatures.Word())
            (logSlopeHolds, detail) = CheckLogSlope(rows, t, detail);
        var verdict = violations == 0 && logSlopeHolds ? Verdict.Pass : Verdict.Fail;
        return new CurveEvidence(curve.Label, verdict, detail);
    }

    /// <summary>In frozen_features B_XR_out is the same at every depth (the output layer does not change), so ln B_paper
    /// moves only through (1/2) ln prod eta: its slope must be the contraction's.</summary>
    private static (bool Holds, string Detail) CheckLogSlope(IReadOnlyList<CurveRow> rows, VerdictThresholds t, string detail)
    {
        var points = SweepCurve.SeedPoints(rows, CurveQuantities.BPaper)
            .Where(p => p.Value > 0).Select(p => (p.Depth, Math.Log(p.Value))).ToList();
        var slope = DepthSlope.Fit(points, t.Level);
        var first = rows[0];
        var last = rows[^1];
        if (slope is null || first.Mean(CurveQuantities.EtaAnalyticProduct) is not { } etaFirst
            || last.Mean(CurveQuantities.EtaAnalyticProduct) is not { } etaLast || etaFirst <= 0 || etaLast <= 0)
            return (true, detail + "; ln b_paper slope not fitted");
        var expected = 0.5 * (Math.Log(etaLast) - Math.Log(etaFirst)) / (last.Depth - first.Depth);
        var slack = t.LogSlopeRelativeTolerance * Math.Abs(expected) + t.RelativeTolerance;
        var holds = expected >= slope.Low - slack && expected <= slope.High + slack;
        return (holds, detail + $"; ln b_paper slope {slope}, expected (1/2) ln eta = {VerdictFormat.Number(expected)}" +
                       (holds ? " (consistent)" : " (inconsistent)"));
    }

    private static string Describe(DepthSlope? slope) => slope?.ToString() ?? "not fitted (fewer than 3 seed values)";
}
