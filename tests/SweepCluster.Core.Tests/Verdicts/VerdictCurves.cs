using SweepCluster.Core.Results;
using SweepCluster.Core.Statistics;

namespace SweepCluster.Core.Tests.Verdicts;

/// <summary>Curve rows built from per-seed values whose shape is known, so each rule's verdict is known: by default a
/// sweep where every prediction holds, with overrides that break one.</summary>
internal static class VerdictCurves
{
    public delegate double? Values(CurveKey key, int depth, string name, int seed);

    public static CurveKey Key(int width = 4, double actNoise = 0.5, double labelNoise = 0, string mode = "end_to_end") =>
        new(width, actNoise, 0.05, labelNoise, 0, 0, 500, mode, "sgld", "tanh", 0.05, 10, 32, 1.0, Shells: 0);

    public static List<CurveRow> Rows(IEnumerable<CurveKey> keys, IEnumerable<int> depths, int seeds = 3, Values? values = null)
    {
        values ??= Healthy;
        var rows = new List<CurveRow>();
        foreach (var key in keys)
        foreach (var depth in depths)
        {
            var quantities = CurveQuantities.ForDepth(depth).Select(name =>
            {
                var perSeed = Enumerable.Range(0, seeds)
                    .Select(seed => (seed, value: values(key, depth, name, seed)))
                    .Where(p => p.value is not null)
                    .Select(p => new SeedValue(p.seed, p.value!.Value))
                    .ToList();
                if (perSeed.Count == 0) return new QuantitySummary(name, 0, null, null, null, perSeed);
                var s = SeedStatistics.Summarize(perSeed.Select(p => p.Value).ToArray());
                return new QuantitySummary(name, s.N, s.Mean, s.Low, s.High, perSeed);
            }).ToList();
            rows.Add(new CurveRow(key, depth, seeds, 0, quantities));
        }
        return rows;
    }

    /// <summary>Per-layer eta of a key: 1 without noise, lower with more noise or a narrower width.</summary>
    public static double Eta(CurveKey key) => key.ActNoise == 0 ? 1.0 : Math.Max(0.1, 1 - 0.3 * key.ActNoise * 4.0 / key.Width);

    /// <summary>A small spread across seeds, so every interval has width, centred so the mean is the clean value.</summary>
    public static double Jitter(int seed) => (seed - 1) * 0.001;

    /// <summary>Values under which P1-P7 hold (P1's b_paper and P6's width half as identities: b_paper and eta have one
    /// value across seeds, as in a real sweep): bounds and gap shrink as eta^L, train error grows with depth and noise,
    /// information falls layer by layer, the gap grows with label noise, and certified bounds sit far above the gap.</summary>
    public static double? Healthy(CurveKey key, int depth, string name, int seed)
    {
        var eta = Eta(key);
        var j = Jitter(seed);
        var frozen = key.Mode == "frozen_features";
        var xr = 2.0 + j;
        var trainError = 0.05 + 0.1 * depth * (1 - eta) + j;
        var gap = (0.1 + 0.2 * key.LabelNoise) * Math.Pow(eta, depth) + j;
        if (LayerQuantities.TryParse(name, out var layer, out var quantity))
        {
            return quantity switch
            {
                LayerQuantity.IXT => 2.0 * Math.Pow(eta, layer) + j,
                LayerQuantity.IXTSe => 0.01,
                LayerQuantity.IXTUpper or LayerQuantity.IXTUpperDpi => 4.0 * Math.Pow(eta, layer) + j,
                LayerQuantity.IXTLower => 3.5 * Math.Pow(eta, layer) + j,
                LayerQuantity.IXTUpperSe => 0.01,
                LayerQuantity.IYT or LayerQuantity.IYTLower or LayerQuantity.IYTUpper => Math.Pow(eta, layer) + j,
                LayerQuantity.EtaAnalytic => eta,
                LayerQuantity.EtaEmpirical => eta + j,
                LayerQuantity.BinnedIXT or LayerQuantity.BinnedIYT => null,
                _ => null,
            };
        }
        return name switch
        {
            CurveQuantities.TrainError => trainError,
            CurveQuantities.Gap => gap,
            CurveQuantities.TestError => trainError + gap,
            CurveQuantities.BXrOut => xr,
            CurveQuantities.ChanceError => 0.75,
            // As in a real sweep: computed from the analytic eta and the settings alone, one value across seeds.
            CurveQuantities.BPaper => 2.0 * Math.Pow(eta, depth / 2.0),
            CurveQuantities.BPaperMeasured => xr * Math.Pow(eta, depth / 2.0) * 0.5,
            CurveQuantities.BIsmi => frozen ? 1.5 + j : null,
            CurveQuantities.EtaAnalyticProduct => Math.Pow(eta, depth),
            _ when name == CurveQuantities.CertifiedName(CurveQuantities.BXrOut) => frozen ? 1.0 : 0.0,
            _ when name == CurveQuantities.CertifiedName(CurveQuantities.BIsmi) => frozen ? 1.0 : null,
            _ when name == CurveQuantities.CertifiedName(CurveQuantities.BPaper) => 0.0,
            _ => null,
        };
    }

    /// <summary><see cref="Healthy"/> with <paramref name="name"/> replaced by <paramref name="value"/>.</summary>
    public static Values Override(string name, Func<CurveKey, int, int, double?> value) =>
        (key, depth, n, seed) => n == name ? value(key, depth, seed) : Healthy(key, depth, n, seed);
}
