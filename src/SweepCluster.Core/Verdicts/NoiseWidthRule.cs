using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Verdicts;

/// <summary>P6: at a fixed depth and fixed other settings, more activation noise lowers eta and B_paper and raises the
/// training error; a narrower width lowers eta.</summary>
internal sealed class NoiseWidthRule : IPredictionRule
{
    public Prediction Prediction => Prediction.NoiseAndWidth;

    public string Rule =>
        "Rows that differ only in act_noise (same depth and other settings), in increasing act_noise: a violation is " +
        "eta_analytic_product rising, a b_paper interval wholly above the previous one, or a train-error interval " +
        "wholly below the previous one. Rows that differ only in width, in increasing width: a violation is " +
        "eta_analytic_product falling; when eta_analytic_product has one value across seeds in every compared row (it is " +
        "computed from width and act_noise alone) this half is an identity: it reports identity, never pass, and a " +
        "violation is a code bug. Every compared row needs a seed interval of train error. Any violation fails; " +
        "act_noise and width with one value each: not testable.";

    public PredictionVerdict Judge(CurveSet curves)
    {
        var t = curves.Thresholds;
        var evidence = new List<CurveEvidence>();
        evidence.AddRange(AxisSteps.Judge(curves, AxisNames.ActNoise, curves.VaryingOnly(k => k.ActNoise, k => k with { ActNoise = 0 }),
            CurveQuantities.TrainError, (earlier, later) => CompareNoise(earlier, later, t)));
        evidence.AddRange(AxisSteps.Judge(curves, AxisNames.Width, curves.VaryingOnly(k => k.Width, k => k with { Width = 0 }),
            CurveQuantities.TrainError, (narrower, wider) => CompareWidth(narrower, wider, t),
            identityQuantity: CurveQuantities.EtaAnalyticProduct));
        return VerdictCombiner.Combine(this, evidence, whenNoEvidence: "act_noise and width have one value each");
    }

    private static IReadOnlyList<string> CompareNoise(CurveRow earlier, CurveRow later, VerdictThresholds t)
    {
        var found = new List<string>();
        var step = AxisSteps.Step(AxisNames.ActNoise, earlier.Key.ActNoise, later.Key.ActNoise);
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
