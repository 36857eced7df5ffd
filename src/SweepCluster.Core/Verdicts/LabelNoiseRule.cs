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
        var evidence = new List<CurveEvidence>();
        var groups = curves.VaryingOnly(k => k.LabelNoise, k => k with { LabelNoise = 0 });
        foreach (var family in groups.GroupBy(g => g.Fixed).OrderBy(f => f.Key))
        {
            var label = $"label_noise varies ({curves.Labels.Of(family.Key, AxisNames.LabelNoise)})";
            int steps = 0, gapRises = 0;
            var violations = new List<string>();
            foreach (var group in family)
            {
                var rows = group.Rows.Where(r => SweepCurve.HasInterval(r, CurveQuantities.Gap, t.MinSeeds)).ToList();
                for (var i = 1; i < rows.Count; i++)
                {
                    steps++;
                    var (before, after) = (rows[i - 1], rows[i]);
                    var step = $"label_noise {VerdictFormat.Number(before.Key.LabelNoise)} -> " +
                               $"{VerdictFormat.Number(after.Key.LabelNoise)} at depth {group.Depth}";
                    if (Intervals.WhollyAbove(after.Get(CurveQuantities.Gap), before.Get(CurveQuantities.Gap), t)) gapRises++;
                    foreach (var name in (IEnumerable<string>)[CurveQuantities.Gap, .. CurveQuantities.Bounds])
                        if (after.Find(name) is { } later && before.Find(name) is { } earlier && Intervals.WhollyBelow(later, earlier, t))
                            violations.Add($"{name} falls ({step})");
                }
            }
            evidence.Add(steps == 0
                ? new CurveEvidence(label, Verdict.NotTestable, $"no two compared rows have {t.MinSeeds}-seed gap intervals")
                : new CurveEvidence(label, violations.Count == 0 ? Verdict.Pass : Verdict.Fail,
                    $"{steps} steps in label_noise, gap rises beyond the interval in {gapRises}, {violations.Count} violations" +
                    (violations.Count > 0 ? $": {string.Join("; ", violations.Take(5))}" : "")));
        }
        return VerdictCombiner.Combine(this, evidence, whenNoEvidence: "label_noise has one value");
    }
}
