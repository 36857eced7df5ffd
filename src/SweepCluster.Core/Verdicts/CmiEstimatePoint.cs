using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>The CMI bounds of one (curve, depth) as P5 reports them beside their nulls: estimates, never judged.</summary>
/// <param name="Selections">k, the selections per supersample (the mean over supersamples).</param>
/// <param name="Bias">The plug-in bias of a pair's I(F; U) those selections imply, in nats (about (|F| - 1)/(2k)).</param>
/// <param name="AboveNull">Supersamples whose b_fcmi lies above their own null's 95% quantile, of <paramref name="Supersamples"/>.</param>
/// <param name="Distinguishable">b_fcmi's mean lies above the mean of its null's 95% quantile.</param>
public sealed record CmiEstimatePoint(
    string Curve, int Depth, double Selections, double? Bias,
    CmiBoundSummary Fcmi, CmiBoundSummary? Ldcmi,
    int AboveNull, int Supersamples, bool Distinguishable,
    double? Gap, double? GapLow, double? GapHigh)
{
    /// <summary>The point of <paramref name="row"/>, or null when it holds no b_fcmi.</summary>
    public static CmiEstimatePoint? Of(string curve, CurveRow row)
    {
        if (CmiBoundSummary.Of(row, CurveQuantities.BFcmi, CurveQuantities.BFcmiNull, CurveQuantities.BFcmiNullQ95,
                CurveQuantities.BFcmiCorrected, CurveQuantities.BFcmiMillerMadow) is not { } fcmi)
            return null;
        var ldcmi = CmiBoundSummary.Of(row, CurveQuantities.BLdcmi, CurveQuantities.BLdcmiNull, CurveQuantities.BLdcmiNullQ95,
            CurveQuantities.BLdcmiCorrected, CurveQuantities.BLdcmiMillerMadow);
        var bounds = row.Get(CurveQuantities.BFcmi).PerSeed;
        var q95 = SweepCurve.BySeed(row.Get(CurveQuantities.BFcmiNullQ95).PerSeed);
        int above = bounds.Count(b => q95.TryGetValue(b.Unit, out var q) && b.Value > q);
        var gap = row.Find(CurveQuantities.FcmiGap);
        return new CmiEstimatePoint(curve, row.Depth, row.Mean(CurveQuantities.CmiSelections) ?? 0, row.Mean(CurveQuantities.FcmiBias),
            fcmi, ldcmi, above, bounds.Count, fcmi.Value > fcmi.NullQ95, gap?.Mean, gap?.CiLow, gap?.CiHigh);
    }
}

/// <summary>One CMI bound's supersample means: plug-in value, its null (mean, 95% quantile) and its corrected values.</summary>
public sealed record CmiBoundSummary(double Value, double NullMean, double NullQ95, double Corrected, double MillerMadow)
{
    public static CmiBoundSummary? Of(CurveRow row, string value, string nullMean, string nullQ95, string corrected, string millerMadow) =>
        (row.Mean(value), row.Mean(nullMean), row.Mean(nullQ95), row.Mean(corrected), row.Mean(millerMadow)) is
            ({ } v, { } n, { } q, { } c, { } m)
            ? new CmiBoundSummary(v, n, q, c, m)
            : null;
}
