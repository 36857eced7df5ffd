using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Reports;

/// <summary>How loose each bound is: mean bound / mean gap per (curve, depth). Defined only where the gap is resolved
/// from zero (its 95% interval above 0, or a positive mean when there is no interval): a gap of zero within its noise
/// would make any ratio, however large, a statement about the noise.</summary>
internal static class BoundGapRatio
{
    /// <summary>Rows holding, under each bound's name, that bound's ratio to the gap (no interval: a ratio of means).</summary>
    public static IReadOnlyList<CurveRow> Of(IReadOnlyList<CurveRow> rows) =>
        rows.Select(row => row with
        {
            Quantities = CurveQuantities.Bounds.Select(bound => Ratio(row, bound)).ToList(),
        }).ToList();

    /// <summary>True where the gap of <paramref name="row"/> is resolved from zero.</summary>
    public static bool GapResolved(CurveRow row) =>
        row.Find(CurveQuantities.Gap) is { Mean: > 0 } gap && (gap.CiLow is null || gap.CiLow > 0);

    private static QuantitySummary Ratio(CurveRow row, string bound)
    {
        double? ratio = GapResolved(row) && row.Mean(bound) is { } b ? b / row.Mean(CurveQuantities.Gap)!.Value : null;
        return new QuantitySummary(bound, ratio is null ? 0 : 1, ratio, null, null, []);
    }
}
