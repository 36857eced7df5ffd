using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>One bound-versus-depth curve as the rules read it: its key, a label, and its rows ordered by depth.</summary>
public sealed record SweepCurve(CurveKey Key, string Label, IReadOnlyList<CurveRow> Rows)
{
    /// <summary>The rows where <paramref name="quantity"/> has a seed interval from at least
    /// <paramref name="minSeeds"/> seeds, by depth.</summary>
    public IReadOnlyList<CurveRow> WithInterval(string quantity, int minSeeds) =>
        Rows.Where(r => HasInterval(r, quantity, minSeeds)).ToList();

    /// <summary>The mean of <paramref name="quantity"/> at the deepest row that defines it.</summary>
    public double? DeepestMean(string quantity) =>
        Rows.LastOrDefault(r => r.Mean(quantity) is not null)?.Mean(quantity);

    /// <summary>Every seed's (depth, value) of <paramref name="quantity"/> over <paramref name="rows"/>.</summary>
    public static IReadOnlyList<(double Depth, double Value)> SeedPoints(IEnumerable<CurveRow> rows, string quantity) =>
        rows.SelectMany(r => (r.Find(quantity)?.PerSeed ?? []).Select(s => ((double)r.Depth, s.Value))).ToList();

    /// <summary>Seed -> value; a seed listed twice keeps its first value, so pairing never throws.</summary>
    public static IReadOnlyDictionary<(int Seed, int? Supersample), double> BySeed(IReadOnlyList<SeedValue> values) =>
        values.GroupBy(s => s.Unit).ToDictionary(g => g.Key, g => g.First().Value);

    /// <summary>True when the row holds an interval of <paramref name="quantity"/> from enough seeds.</summary>
    public static bool HasInterval(CurveRow row, string quantity, int minSeeds) =>
        row.Find(quantity) is { CiLow: not null, CiHigh: not null } q && q.N >= minSeeds;
}
