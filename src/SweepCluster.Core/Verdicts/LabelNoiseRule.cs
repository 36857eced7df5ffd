using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Verdicts;

/// <summary>P7: more label noise raises the gap and the bounds built on I(S;W). Judged as two claims per family of
/// fixed settings: the gap, and each bound on its own line, so a bound that cannot see the labels is named as such.</summary>
internal sealed class LabelNoiseRule : IPredictionRule
{
    public Prediction Prediction => Prediction.LabelNoise;

    public string Rule =>
        "Rows that differ only in label_noise (same depth and other settings), in increasing label_noise, one line for " +
        "the gap and one for each bound defined (b_xr_out, b_paper, b_paper_all_params, b_paper_measured, b_ismi): a " +
        "violation is its interval wholly below the previous one; steps where it rises beyond its interval are counted. " +
        "A bound with one value across seeds in every compared row is computed from the settings alone and cannot see " +
        "the labels: its line is an identity (flat by construction), never a pass. label_noise with one value: not testable.";

    public PredictionVerdict Judge(CurveSet curves)
    {
        var t = curves.Thresholds;
        var groups = curves.VaryingOnly(k => k.LabelNoise, k => k with { LabelNoise = 0 });
        var evidence = new List<CurveEvidence>();
        foreach (var quantity in (IEnumerable<string>)[CurveQuantities.Gap, .. CurveQuantities.Bounds])
        {
            // A bound no compared row defines (b_ismi outside frozen_features) has nothing to say.
            if (quantity != CurveQuantities.Gap && !groups.Any(g => g.Rows.Any(r => r.Mean(quantity) is not null))) continue;
            evidence.AddRange(AxisSteps.Judge(curves, AxisNames.LabelNoise, groups, quantity,
                (before, after) => Falls(before, after, quantity, t),
                ($"{quantity} rises beyond the interval", (before, after) => Intervals.WhollyAbove(after.Get(quantity), before.Get(quantity), t)),
                identityQuantity: quantity == CurveQuantities.Gap ? null : quantity,
                subject: quantity));
        }
        return VerdictCombiner.Combine(this, evidence, whenNoEvidence: "label_noise has one value");
    }

    private static IReadOnlyList<string> Falls(CurveRow before, CurveRow after, string quantity, VerdictThresholds t) =>
        after.Find(quantity) is { } later && before.Find(quantity) is { } earlier && Intervals.WhollyBelow(later, earlier, t)
            ? [$"{quantity} falls ({AxisSteps.Step(AxisNames.LabelNoise, before.Key.LabelNoise, after.Key.LabelNoise)})"]
            : [];
}
