using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Verdicts;

/// <summary>P6: at a fixed depth and fixed other settings, more activation noise lowers eta and B_paper and raises the
/// training error; a narrower width lowers eta.</summary>
public sealed class NoiseWidthRule : IPredictionRule
{
    public Prediction Prediction => Prediction.NoiseAndWidth;

    public string Rule =>
        "Rows that differ only in act_noise (same depth and other settings), in increasing act_noise: a violation is " +
        "eta_analytic_product rising, a b_paper interval wholly above the previous one, or a train-error interval " +
        "wholly below the previous one. Rows that differ only in width, in increasing width: a violation is " +
        "eta_analytic_product falling. Every compared row needs a seed interval of train error. Any violation fails; " +
        "act_noise and width with one value each: not testable.";

    public PredictionVerdict Judge(CurveSet curves)
    {
        var t = curves.Thresholds;
        var evidence = new List<CurveEvidence>();
        evidence.AddRange(Judge(curves, AxisNames.ActNoise, curves.VaryingOnly(k => k.ActNoise, k => k with { ActNoise = 0 }),
            (earlier, later) => CompareNoise(earlier, later, t)));
        evidence.AddRange(Judge(curves, AxisNames.Width, curves.VaryingOnly(k => k.Width, k => k with { Width = 0 }),
            (narrower, wider) => CompareWidth(narrower, wider, t)));
        return VerdictCombiner.Combine(this, evidence, whenNoEvidence: "act_noise and width have one value each");
    }

    /// <summary>One evidence line per family of rows that differ only in <paramref name="axis"/>, over all depths.</summary>
    private static IEnumerable<CurveEvidence> Judge(CurveSet curves, string axis, IReadOnlyList<AxisGroup> groups,
        Func<CurveRow, CurveRow, IReadOnlyList<string>> compare)
    {
        var t = curves.Thresholds;
        foreach (var family in groups.GroupBy(g => g.Fixed).OrderBy(f => f.Key))
        {
            var label = $"{axis} varies ({curves.Labels.Of(family.Key, axis)})";
            int steps = 0;
            var violations = new List<string>();
            foreach (var group in family)
            {
                var rows = group.Rows.Where(r => SweepCurve.HasInterval(r, CurveQuantities.TrainError, t.MinSeeds)).ToList();
                for (var i = 1; i < rows.Count; i++)
                {
                    steps++;
                    violations.AddRange(compare(rows[i - 1], rows[i]).Select(v => $"{v} at depth {group.Depth}"));
                }
            }
            yield return steps == 0
                ? new CurveEvidence(label, Verdict.NotTestable, $"no two compared rows have {t.MinSeeds}-seed intervals")
                : new CurveEvidence(label, violations.Count == 0 ? Verdict.Pass : Verdict.Fail,
                    $"{steps} steps in {axis}, {violations.Count} violations" +
                    (violations.Count > 0 ? $": {string.Join("; ", violations.Take(5))}" : ""));
        }
    }

    private static IReadOnlyList<string> CompareNoise(CurveRow earlier, CurveRow later, VerdictThresholds t)
    {
        var found = new List<string>();
        var step = $"act_noise {VerdictFormat.Number(earlier.Key.ActNoise)} -> {VerdictFormat.Number(later.Key.ActNoise)}";
        if (later.Mean(CurveQuantities.EtaAnalyticProduct) is { } etaLater
            && earlier.Mean(CurveQuantities.EtaAnalyticProduct) is { } etaEarlier && t.Exceeds(etaLater, etaEarlier))
            found.Add($"eta rises ({step})");
        if (later.Find(CurveQuantities.BPaper) is { } paperLater && earlier.Find(CurveQuantities.BPaper) is { } paperEarlier
            && Intervals.WhollyAbove(paperLater, paperEarlier, t))
            found.Add($"b_paper rises ({step})");
        if (Intervals.WhollyBelow(later.Get(CurveQuantities.TrainError), earlier.Get(CurveQuantities.TrainError), t))
            found.Add($"train error falls ({step})");
        return found;
    }

    private static IReadOnlyList<string> CompareWidth(CurveRow narrower, CurveRow wider, VerdictThresholds t) =>
        narrower.Mean(CurveQuantities.EtaAnalyticProduct) is { } etaNarrow
        && wider.Mean(CurveQuantities.EtaAnalyticProduct) is { } etaWide && t.Exceeds(etaNarrow, etaWide)
            ? [$"eta of width {narrower.Key.Width} above width {wider.Key.Width}'s"]
            : [];
}
