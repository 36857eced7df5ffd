using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>P3: where layers lose information the mean gap does not rise with depth; at act_noise 0 the theory is silent.</summary>
public sealed class GapDepthRule : IPredictionRule
{
    public Prediction Prediction => Prediction.GapVersusDepth;

    public string Rule =>
        "Per curve with analytic eta product < 1: a violation is a depth L+1 whose gap interval lies wholly above depth " +
        "L's (overlapping intervals are allowed); any violation fails. The least-squares gap slope over the per-seed " +
        "values is reported. act_noise 0 or eta = 1: no prediction.";

    public PredictionVerdict Judge(CurveSet curves) =>
        VerdictCombiner.Combine(this, curves.Curves.Select(c => Judge(c, curves)).ToList());

    private static CurveEvidence Judge(SweepCurve curve, CurveSet curves)
    {
        var t = curves.Thresholds;
        if (curve.Key.ActNoise == 0 && !curves.IsLossy(curve))
            return new CurveEvidence(curve.Label, Verdict.NoPrediction, "act_noise 0: no prediction");
        if (!curves.IsLossy(curve))
            return new CurveEvidence(curve.Label, Verdict.NoPrediction, "eta = 1 at this width and noise: no prediction");
        if (!DepthRows.TryTake(curve, CurveQuantities.Gap, "the gap", t, out var rows, out var notTestable)) return notTestable;
        var violations = DepthRows.RisingAt(rows, CurveQuantities.Gap, t);
        var slope = DepthRows.Slope(rows, CurveQuantities.Gap, t);
        var where = violations.Count == 0 ? "" : $" (at depth {string.Join(", ", violations)})";
        var detail = $"gap slope {slope?.ToString() ?? "not fitted"}; {violations.Count} of {rows.Count - 1} depth steps " +
                     $"rise beyond the interval{where}";
        return new CurveEvidence(curve.Label, violations.Count == 0 ? Verdict.Pass : Verdict.Fail, detail);
    }
}
