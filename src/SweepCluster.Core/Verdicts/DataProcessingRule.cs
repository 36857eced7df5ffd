using System.Globalization;
using System.Text;
using SweepCluster.Core.Results;
using SweepCluster.Core.Statistics;

namespace SweepCluster.Core.Verdicts;

/// <summary>P2: inside one network I(X;T_l) does not rise with l. Judged on the consistent estimate i_x_t with its
/// standard error, and on the DPI-tightened value, which must never rise; the raw pairwise upper value, whose slack
/// differs by layer, is shown as context only.</summary>
internal sealed class DataProcessingRule : IPredictionRule
{
    public Prediction Prediction => Prediction.DataProcessing;

    public string Rule =>
        "Per curve, every adjacent layer pair (l, l+1) of every depth with paired seeds: the mean over seeds of " +
        "layer{l+1}_i_x_t - layer{l}_i_x_t is a violation when it exceeds the standard-error multiple times the combined " +
        "standard error, the larger of the Monte-Carlo one, sqrt(sum over seeds of i_x_t_se_l^2 + i_x_t_se_(l+1)^2) / n, " +
        "and the seed one, sd of the differences / sqrt(n) (the seed spread already holds the Monte-Carlo noise; the " +
        "Monte-Carlo error is the floor when few seeds understate the spread). Any violation, or any seed whose " +
        "i_x_t_upper_dpi rises, fails. Without i_x_t only the DPI-tightened value is checked, a running minimum that " +
        "cannot rise but by a code bug: identity. Raw i_x_t_upper rises are reported, not judged. Strict decrease is " +
        "expected when act_noise > 0 and reported. Curves whose per-seed layer values are identical (frozen_features " +
        "curves that differ only in sgld_noise) are judged once. Curves measured by binning (act_noise 0) get no " +
        "prediction: binning is a clustering measure, not MI.";

    public PredictionVerdict Judge(CurveSet curves)
    {
        var evidence = new List<CurveEvidence>();
        foreach (var group in curves.Curves.GroupBy(LayerFingerprint, StringComparer.Ordinal))
        {
            var first = group.First();
            var same = group.Skip(1).Select(c => c.Label).ToList();
            var judged = Judge(first, curves.Thresholds);
            evidence.Add(same.Count == 0
                ? judged
                : judged with { Detail = $"counted once for {same.Count + 1} curves with identical layer values (also {string.Join("; ", same)}); {judged.Detail}" });
        }
        return VerdictCombiner.Combine(this, evidence);
    }

    private static string Name(int layer, LayerQuantity quantity) => LayerQuantities.Name(layer, quantity);

    /// <summary>Every per-seed layer value of the curve that P2 reads, at every depth: two curves with the same
    /// fingerprint measured the same networks' layers, so counting both would count one result twice. A curve with no
    /// layer value at all keeps its own label, so unmeasured curves never merge.</summary>
    private static string LayerFingerprint(SweepCurve curve)
    {
        var text = new StringBuilder();
        foreach (var row in curve.Rows)
        for (var l = 1; l <= row.Depth; l++)
        foreach (var quantity in new[] { LayerQuantity.IXT, LayerQuantity.IXTSe, LayerQuantity.IXTUpper, LayerQuantity.IXTUpperDpi })
        foreach (var seed in row.Find(Name(l, quantity))?.PerSeed ?? [])
            text.Append(CultureInfo.InvariantCulture, $"{row.Depth}/{l}/{quantity}/{seed.Seed}/{seed.Supersample}={seed.Value:R};");
        return text.Length == 0 ? "unmeasured:" + curve.Label : text.ToString();
    }

    private static CurveEvidence Judge(SweepCurve curve, VerdictThresholds t)
    {
        bool Measured(LayerQuantity q) => curve.Rows.Any(r => r.Mean(Name(1, q)) is not null);
        if (!Measured(LayerQuantity.IXT) && !Measured(LayerQuantity.IXTUpper) && !Measured(LayerQuantity.IXTUpperDpi))
        {
            return Measured(LayerQuantity.BinnedIXT)
                ? new CurveEvidence(curve.Label, Verdict.NoPrediction, "act_noise 0: binning is a clustering measure, not MI")
                : new CurveEvidence(curve.Label, Verdict.NotTestable, "no layer information measured");
        }

        int pairs = 0, dpiPairs = 0, beyondError = 0, dpiRises = 0, notStrict = 0, rawPairs = 0, rawRises = 0;
        double worstRatio = double.NegativeInfinity, worstRise = double.NegativeInfinity;
        var violations = new List<string>();
        foreach (var row in curve.Rows.Where(r => r.Depth >= 2))
        for (var l = 1; l < row.Depth; l++)
        {
            if (PairedDifferences(row, l, LayerQuantity.IXT) is { Length: var n } differences && n >= t.MinSeeds)
            {
                pairs++;
                var summary = SeedStatistics.Summarize(differences);
                var error = CombinedError(row, l, summary);
                if (summary.Mean >= 0) notStrict++;
                var ratio = error > 0 ? summary.Mean / error : summary.Mean > 0 ? double.PositiveInfinity : 0;
                if (summary.Mean > worstRise) (worstRise, worstRatio) = (summary.Mean, ratio);
                if (summary.Mean > t.StandardErrors * error && t.Exceeds(summary.Mean, 0))
                {
                    beyondError++;
                    violations.Add($"layer {l}->{l + 1} at depth {row.Depth}: +{VerdictFormat.Number(summary.Mean)} nats, " +
                                   $"{VerdictFormat.Number(ratio)} standard errors");
                }
            }
            if (PairedDifferences(row, l, LayerQuantity.IXTUpperDpi) is { Length: > 0 } dpi)
            {
                dpiPairs++;
                dpiRises += dpi.Count(d => t.Exceeds(d, 0));
            }
            if (PairedDifferences(row, l, LayerQuantity.IXTUpper) is { Length: > 0 } raw)
            {
                rawPairs++;
                if (raw.Average() > 0) rawRises++;
            }
        }
        var rawText = rawPairs > 0 ? $"; raw i_x_t_upper rises in {rawRises} of {rawPairs} pairs (its slack differs by layer: not judged)" : "";
        if (pairs == 0)
        {
            if (dpiRises > 0)
                return new CurveEvidence(curve.Label, Verdict.Fail,
                    $"i_x_t not measured; {dpiRises} seed values of i_x_t_upper_dpi rise (a running minimum cannot: a code bug){rawText}");
            return dpiPairs == 0
                ? new CurveEvidence(curve.Label, Verdict.NotTestable, $"no layer pair with {t.MinSeeds} seeds (every depth is 1 or has one seed)")
                : new CurveEvidence(curve.Label, Verdict.Identity,
                    $"i_x_t (the consistent estimate) not measured: only i_x_t_upper_dpi checked, a running minimum of the " +
                    $"upper values that cannot rise by construction (0 rises in {dpiPairs} pairs); what it tests is the code{rawText}");
        }
        var strict = curve.Key.ActNoise > 0 ? $"; {notStrict} not strictly decreasing (act_noise > 0 expects 0)" : "";
        var detail = $"{beyondError} of {pairs} layer pairs have mean i_x_t rising beyond {VerdictFormat.Number(t.StandardErrors)} " +
                     $"combined standard errors (largest mean rise {VerdictFormat.Number(worstRise)} nats, " +
                     $"{VerdictFormat.Number(worstRatio)} standard errors)" +
                     (violations.Count > 0 ? $" ({string.Join("; ", violations.Take(5))})" : "") +
                     $"; {dpiRises} DPI-tightened rises{strict}{rawText}";
        return new CurveEvidence(curve.Label, beyondError == 0 && dpiRises == 0 ? Verdict.Pass : Verdict.Fail, detail);
    }

    /// <summary>Per seed present at both layers: the value at l+1 minus the value at l.</summary>
    private static double[]? PairedDifferences(CurveRow row, int layer, LayerQuantity quantity)
    {
        var lower = row.Find(Name(layer, quantity))?.PerSeed;
        var upper = row.Find(Name(layer + 1, quantity))?.PerSeed;
        if (lower is null || upper is null) return null;
        var bySeed = SweepCurve.BySeed(lower);
        return upper.Where(s => bySeed.ContainsKey(s.Unit)).Select(s => s.Value - bySeed[s.Unit]).ToArray();
    }

    /// <summary>The standard error of the mean rise: the larger of the Monte-Carlo error (per seed, the two layers'
    /// i_x_t_se in quadrature; over n seeds, their root sum of squares over n) and the seed error (sd / sqrt(n)).</summary>
    private static double CombinedError(CurveRow row, int layer, Summary differences)
    {
        var n = differences.N;
        var seedError = (differences.StdDev ?? 0) / Math.Sqrt(n);
        var lower = SweepCurve.BySeed(row.Find(Name(layer, LayerQuantity.IXTSe))?.PerSeed ?? []);
        var upper = SweepCurve.BySeed(row.Find(Name(layer + 1, LayerQuantity.IXTSe))?.PerSeed ?? []);
        double squares = 0;
        foreach (var unit in lower.Keys.Union(upper.Keys))
            squares += Math.Pow(lower.GetValueOrDefault(unit), 2) + Math.Pow(upper.GetValueOrDefault(unit), 2);
        var monteCarlo = Math.Sqrt(squares) / n;
        return Math.Max(seedError, monteCarlo);
    }
}
