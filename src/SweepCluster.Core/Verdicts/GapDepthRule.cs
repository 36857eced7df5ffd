using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>P3: where layers lose information the mean gap does not rise with depth; at act_noise 0 the theory is silent.
/// A gap that falls because the training error reached chance (the network learned nothing) satisfies P3 trivially,
/// and the evidence says where.</summary>
internal sealed class GapDepthRule : IPredictionRule
{
    public Prediction Prediction => Prediction.GapVersusDepth;

    public string Rule =>
        "Per curve with analytic eta product < 1: least-squares slope of the per-seed gap values against depth, " +
        "one-sided t-test for a rise, Holm across the curves of P3 at the trend alpha; a significant rise fails, a pass " +
        "prints the slope detectable at the trend power. Depths where the train error's seed interval includes chance " +
        "(1 - 1/C) are named, with the slope over the other depths: a gap that falls there falls trivially. Depth steps " +
        "whose gap interval lies wholly above the previous one are reported, not judged. act_noise 0 or eta = 1: no prediction.";

    public PredictionVerdict Judge(CurveSet curves)
    {
        var judgements = curves.Curves.Select(c => Judge(c, curves)).ToList();
        return VerdictCombiner.Combine(this, SlopeTests.Resolve(judgements, curves.Thresholds));
    }

    private static CurveJudgement Judge(SweepCurve curve, CurveSet curves)
    {
        var t = curves.Thresholds;
        if (curve.Key.ActNoise == 0 && !curves.IsLossy(curve))
            return new CurveEvidence(curve.Label, Verdict.NoPrediction, "act_noise 0: no prediction");
        if (!curves.IsLossy(curve))
            return new CurveEvidence(curve.Label, Verdict.NoPrediction, "eta = 1 at this width and noise: no prediction");
        if (!DepthRows.TryTake(curve, CurveQuantities.Gap, "the gap", t, out var rows, out var notTestable)) return notTestable;
        if (DepthRows.Slope(rows, CurveQuantities.Gap, t) is not { } slope)
            return new CurveEvidence(curve.Label, Verdict.NotTestable, "gap slope not fitted (fewer than 3 seed values)");
        var rising = DepthRows.RisingAt(rows, CurveQuantities.Gap, t);
        var context = $"{rising.Count} of {rows.Count - 1} depth steps with the gap interval wholly above the previous " +
                      "(not judged)" + (rising.Count > 0 ? $" (depth {string.Join(", ", rising)})" : "") + "; " + AtChance(rows, t);
        return new SlopeCheck(curve.Label, CurveQuantities.Gap, Rise: true, slope, context);
    }

    /// <summary>Where the train error's seed interval includes chance, and the gap slope over the depths where it does not.</summary>
    private static string AtChance(IReadOnlyList<CurveRow> rows, VerdictThresholds t)
    {
        var chance = rows.Select(r => r.Mean(CurveQuantities.ChanceError)).FirstOrDefault(c => c is not null);
        if (chance is not { } level) return "chance level unknown (the curves carry no chance_error)";
        var atChance = rows.Where(r => r.Find(CurveQuantities.TrainError) is { CiLow: { } low, CiHigh: { } high }
                                       && low <= level + t.RelativeTolerance && level <= high + t.RelativeTolerance)
            .Select(r => r.Depth).ToList();
        var chanceText = $"chance 1 - 1/C = {VerdictFormat.Number(level)}";
        if (atChance.Count == 0) return $"train error's interval below {chanceText} at every depth";
        var learning = rows.Where(r => !atChance.Contains(r.Depth)).ToList();
        var rest = learning.Count >= 2 && DepthRows.Slope(learning, CurveQuantities.Gap, t) is { } s
            ? $"gap slope over the other depths {s}"
            : "fewer than 2 other depths to fit";
        return $"train error's interval includes {chanceText} at depth {string.Join(", ", atChance)}: there the network " +
               $"learned nothing, and a gap that falls there falls trivially (the trivial way to satisfy P3); {rest}";
    }
}
