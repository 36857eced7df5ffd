using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>The sweep's curves as the rules read them: rows grouped by key and ordered by depth, with their labels and
/// the thresholds to judge by.</summary>
public sealed class CurveSet
{
    public CurveSet(IReadOnlyList<CurveRow> rows, VerdictThresholds thresholds)
    {
        Thresholds = thresholds;
        Labels = new CurveLabels(rows.Select(r => r.Key));
        Curves = rows.GroupBy(r => r.Key).OrderBy(g => g.Key)
            .Select(g => new SweepCurve(g.Key, Labels.Of(g.Key), g.OrderBy(r => r.Depth).ToList()))
            .ToList();
        Rows = rows;
    }

    public IReadOnlyList<SweepCurve> Curves { get; }

    public IReadOnlyList<CurveRow> Rows { get; }

    public CurveLabels Labels { get; }

    public VerdictThresholds Thresholds { get; }

    /// <summary>Rows that differ only in the setting <paramref name="axis"/> reads (depth held too), grouped by what is held
    /// fixed and ordered by that setting; only groups where the setting takes two values or more.</summary>
    public IReadOnlyList<AxisGroup> VaryingOnly(Func<CurveKey, double> axis, Func<CurveKey, CurveKey> withAxisFixed) =>
        Rows.GroupBy(r => (Fixed: withAxisFixed(r.Key), r.Depth))
            .Where(g => g.Select(r => axis(r.Key)).Distinct().Count() > 1)
            .OrderBy(g => g.Key.Fixed).ThenBy(g => g.Key.Depth)
            .Select(g => new AxisGroup(g.Key.Fixed, g.Key.Depth, g.OrderBy(r => axis(r.Key)).ToList()))
            .ToList();

    /// <summary>True when <paramref name="curve"/> loses information: its analytic eta product at its deepest depth is below 1.</summary>
    public bool IsLossy(SweepCurve curve) => curve.DeepestMean(CurveQuantities.EtaAnalyticProduct) is { } eta
        && eta < 1 - Thresholds.EtaBelowOne;
}

/// <summary>Rows at one depth that differ in one setting only, ordered by it.</summary>
public sealed record AxisGroup(CurveKey Fixed, int Depth, IReadOnlyList<CurveRow> Rows);
