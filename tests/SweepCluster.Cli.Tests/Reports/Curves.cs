using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Tests.Reports;

/// <summary>Curve rows shaped like a small sweep: two act_noise panels, two widths, depths 1 to 5, three seeds.</summary>
internal static class Curves
{
    /// <param name="cmi">A CMI sweep: the CMI bounds, their nulls and fcmi_gap defined too (otherwise they have no value, as outside one).</param>
    public static IReadOnlyList<CurveRow> Grid(double? negativeGapAtActNoise = null, bool cmi = false)
    {
        var rows = new List<CurveRow>();
        foreach (var actNoise in new[] { 0.0, 0.2 })
        foreach (var width in new[] { 8, 32 })
        for (var depth = 1; depth <= 5; depth++)
        {
            var key = new CurveKey(width, actNoise, 0.001, 0, 0, 0, 500, "end_to_end", "sgld", "tanh", 0.01, 20, 64, 1.0, Shells: 0);
            var eta = 0.9 - actNoise;
            var negative = negativeGapAtActNoise == actNoise;
            var quantities = CurveQuantities.ForDepth(depth).Select(name => Summary(name, name switch
            {
                CurveQuantities.TrainError => 0.02 * depth,
                CurveQuantities.TestError => 0.12 + 0.01 * depth,
                CurveQuantities.Gap => negative ? -0.01 * depth : 0.1 * Math.Pow(eta, depth),
                CurveQuantities.BXrOut => 0.5 + 0.02 * width / 8.0,
                CurveQuantities.BPaper => 4 * Math.Pow(eta, depth / 2.0),
                CurveQuantities.BIsmi => 40.0 / depth,
                CurveQuantities.EtaAnalyticProduct => Math.Pow(eta, depth),
                CurveQuantities.BFcmi => cmi ? 0.2 + 0.01 * depth : null,
                CurveQuantities.FcmiGap => cmi ? 0.02 : null,
                CurveQuantities.BFcmiNull or CurveQuantities.BLdcmiNull => cmi ? 0.2 : null,
                CurveQuantities.BFcmiNullQ95 or CurveQuantities.BLdcmiNullQ95 => cmi ? 0.22 : null,
                CurveQuantities.BFcmiCorrected or CurveQuantities.BLdcmiCorrected => cmi ? 0.01 * depth : null,
                CurveQuantities.BFcmiMillerMadow or CurveQuantities.BLdcmiMillerMadow => cmi ? 0.02 * depth : null,
                CurveQuantities.BLdcmi => cmi ? 0.15 + 0.01 * depth : null,
                CurveQuantities.CmiSelections => cmi ? 30 : null,
                CurveQuantities.FcmiBias => cmi ? 0.05 : null,
                _ => 1.0,
            })).ToList();
            rows.Add(new CurveRow(key, depth, 3, 0, quantities));
        }
        return rows;
    }

    private static QuantitySummary Summary(string name, double? defined)
    {
        if (defined is not { } mean) return new QuantitySummary(name, 0, null, null, null, []);
        // Seeds spread by 10% around the mean: a positive mean keeps a positive interval.
        double[] values = [mean * 0.9, mean, mean * 1.1];
        var half = 0.2 * Math.Abs(mean);
        return new QuantitySummary(name, 3, mean, mean - half, mean + half,
            values.Select((v, seed) => new SeedValue(seed, v)).ToList());
    }
}
