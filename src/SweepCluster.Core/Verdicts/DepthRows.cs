using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>What every per-depth rule starts from: a curve's depths at which a quantity has a seed interval, the depth
/// steps where it rises beyond the previous depth's interval, and its least-squares slope over the per-seed values.</summary>
internal static class DepthRows
{
    /// <summary>The curve's rows with a <paramref name="quantity"/> interval, in depth order; false, with the
    /// not-testable evidence line to report, when fewer depths than the thresholds ask for have one.</summary>
    public static bool TryTake(SweepCurve curve, string quantity, string described, VerdictThresholds t,
        out IReadOnlyList<CurveRow> rows, out CurveEvidence notTestable)
    {
        rows = curve.WithInterval(quantity, t.MinSeeds);
        notTestable = new CurveEvidence(curve.Label, Verdict.NotTestable,
            $"{described} has a {t.MinSeeds}-seed interval at {rows.Count} depth(s); {t.MinDepths} are needed");
        return rows.Count >= t.MinDepths;
    }

    /// <summary>The depths L+1 whose <paramref name="quantity"/> interval lies wholly above depth L's.</summary>
    public static IReadOnlyList<int> RisingAt(IReadOnlyList<CurveRow> rows, string quantity, VerdictThresholds t) =>
        Enumerable.Range(1, Math.Max(0, rows.Count - 1))
            .Where(i => Intervals.WhollyAbove(rows[i].Get(quantity), rows[i - 1].Get(quantity), t))
            .Select(i => rows[i].Depth)
            .ToList();

    /// <summary>True when every row's seeds all hold one value of <paramref name="quantity"/> (within the relative
    /// tolerance): the quantity does not depend on the seed, so no check of it can see the network's randomness.</summary>
    public static bool OneValueAcrossSeeds(IReadOnlyList<CurveRow> rows, string quantity, VerdictThresholds t) =>
        rows.Count > 0 && rows.All(r => r.Find(quantity)?.PerSeed is { Count: >= 2 } seeds
            && !seeds.Any(a => seeds.Any(b => t.Exceeds(a.Value, b.Value))));

    public static DepthSlope? Slope(IReadOnlyList<CurveRow> rows, string quantity, VerdictThresholds t) =>
        DepthSlope.Fit(SweepCurve.SeedPoints(rows, quantity), t.Level);
}
