using SweepCluster.Core.Results;
using SweepCluster.Core.Statistics;

namespace SweepCluster.Core.Verdicts;

/// <summary>P2: inside one network I(X;T_l) does not rise with l. A raw upper value rising beyond its error means an
/// estimator bug; the DPI-tightened value must never rise at all.</summary>
public sealed class DataProcessingRule : IPredictionRule
{
    public Prediction Prediction => Prediction.DataProcessing;

    public string Rule =>
        "Per curve, every adjacent layer pair (l, l+1) of every depth: the raw layer{l}_i_x_t_upper rise, averaged over " +
        "seeds, is a violation when it exceeds both its paired seed half-interval and the standard-error multiple " +
        "times sqrt(se_l^2 + se_(l+1)^2) (Monte-Carlo standard errors; 0 for exact pairs). Any violation, or any seed " +
        "whose i_x_t_upper_dpi rises, fails. Strict decrease is expected when act_noise > 0 and reported. " +
        "Curves measured by binning (act_noise 0) get no prediction: binning is a clustering measure, not MI.";

    public PredictionVerdict Judge(CurveSet curves) =>
        VerdictCombiner.Combine(this, curves.Curves.Select(c => Judge(c, curves.Thresholds)).ToList());

    private static CurveEvidence Judge(SweepCurve curve, VerdictThresholds t)
    {
        var first = LayerQuantities.Name(1, LayerQuantity.IXTUpper);
        if (curve.Rows.All(r => r.Mean(first) is null))
        {
            return curve.Rows.Any(r => r.Mean(LayerQuantities.Name(1, LayerQuantity.BinnedIXT)) is not null)
                ? new CurveEvidence(curve.Label, Verdict.NoPrediction, "act_noise 0: binning is a clustering measure, not MI")
                : new CurveEvidence(curve.Label, Verdict.NotTestable, "no layer information measured");
        }

        int pairs = 0, rises = 0, beyondError = 0, dpiRises = 0, notStrict = 0;
        var worst = double.NegativeInfinity;
        foreach (var row in curve.Rows.Where(r => r.Depth >= 2))
        for (var l = 1; l < row.Depth; l++)
        {
            var rise = PairedRise(row, l, LayerQuantity.IXTUpper, t.MinSeeds);
            if (rise is null) continue;
            pairs++;
            var (mean, halfInterval) = rise.Value;
            if (mean > 0) rises++;
            if (mean >= 0) notStrict++;
            var error = t.StandardErrors * Math.Sqrt(MeanSquare(row, l) + MeanSquare(row, l + 1));
            if (mean > Math.Max(halfInterval, error) && t.Exceeds(mean, 0)) beyondError++;
            worst = Math.Max(worst, mean);
            dpiRises += DpiRises(row, l, t);
        }
        if (pairs == 0)
            return new CurveEvidence(curve.Label, Verdict.NotTestable,
                $"no layer pair with {t.MinSeeds} seeds (every depth is 1 or has one seed)");
        var strict = curve.Key.ActNoise > 0 ? $"; {notStrict} not strictly decreasing (act_noise > 0 expects 0)" : "";
        var detail = $"{rises} of {pairs} layer pairs rise in the raw upper value (largest mean rise " +
                     $"{VerdictFormat.Number(worst)} nats), {beyondError} beyond the error; {dpiRises} DPI-tightened rises{strict}";
        return new CurveEvidence(curve.Label, beyondError == 0 && dpiRises == 0 ? Verdict.Pass : Verdict.Fail, detail);
    }

    /// <summary>Mean over seeds of layer l+1's value minus layer l's, and the half-width of its seed t-interval.</summary>
    private static (double Mean, double HalfInterval)? PairedRise(CurveRow row, int layer, LayerQuantity quantity, int minSeeds)
    {
        var lower = row.Find(LayerQuantities.Name(layer, quantity))?.PerSeed;
        var upper = row.Find(LayerQuantities.Name(layer + 1, quantity))?.PerSeed;
        if (lower is null || upper is null) return null;
        var bySeed = SweepCurve.BySeed(lower);
        var differences = upper.Where(s => bySeed.ContainsKey(s.Unit)).Select(s => s.Value - bySeed[s.Unit]).ToArray();
        if (differences.Length < minSeeds) return null;
        var summary = SeedStatistics.Summarize(differences);
        return (summary.Mean, summary.High is { } high ? high - summary.Mean : 0);
    }

    private static double MeanSquare(CurveRow row, int layer) =>
        row.Find(LayerQuantities.Name(layer, LayerQuantity.IXTUpperSe)) is { Mean: { } se } ? se * se : 0;

    /// <summary>Seeds whose DPI-tightened value at l+1 exceeds that at l: impossible for a running minimum, so any is a bug.</summary>
    private static int DpiRises(CurveRow row, int layer, VerdictThresholds t)
    {
        var lower = row.Find(LayerQuantities.Name(layer, LayerQuantity.IXTUpperDpi))?.PerSeed ?? [];
        var upper = row.Find(LayerQuantities.Name(layer + 1, LayerQuantity.IXTUpperDpi))?.PerSeed ?? [];
        var bySeed = SweepCurve.BySeed(lower);
        return upper.Count(s => bySeed.TryGetValue(s.Unit, out var before) && t.Exceeds(s.Value, before));
    }
}
