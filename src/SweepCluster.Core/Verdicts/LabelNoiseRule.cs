using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Verdicts;

/// <summary>P7: more label noise raises the gap and the bounds built on I(S;W).</summary>
public sealed class LabelNoiseRule : IPredictionRule
{
    public Prediction Prediction => Prediction.LabelNoise;

    public string Rule =>
        "Rows that differ only in label_noise (same depth and other settings), in increasing label_noise: a violation " +
        "is a gap interval, or the interval of any bound (b_xr_out, b_paper, b_paper_all_params, b_paper_measured, " +
        "b_ismi), wholly below the previous one. Any violation fails; steps where the gap rises beyond its interval are " +
        "counted. label_noise with one value: not testable.";

    public PredictionVerdict Judge(CurveSet curves)
    {
        var t = curves.Thresholds;
        var evidence = AxisSteps.Judge(curves, AxisNames.LabelNoise, curves.VaryingOnly(k => k.LabelNoise, k => k with { LabelNoise = 0 }),
            CurveQuantities.Gap, (before, after) => Falls(before, after, t),
            ("gap rises beyond the interval", (before, after) => Intervals.WhollyAbove(after.Get(CurveQuantities.Gap), before.Get(CurveQuantities.Gap), t)));
        return VerdictCombiner.Combine(this, evidence.ToList(), whenNoEvidence: "label_noise has one value");
    }

    /// <summary>The gap and the bounds whose interval falls wholly below the previous label_noise's.</summary>
    private static IReadOnlyList<string> Falls(CurveRow before, CurveRow after, VerdictThresholds t)
    {
        var step = AxisSteps.Step(AxisNames.LabelNoise, before.Key.LabelNoise, after.Key.LabelNoise);
        return ((IEnumerable<string>)[CurveQuantities.Gap, .. CurveQuantities.Bounds])
            .Where(name => after.Find(name) is { } later && before.Find(name) is { } earlier && Intervals.WhollyBelow(later, earlier, t))
            .Select(name => $"{name} falls ({step})")
            .ToList();
    }
}
