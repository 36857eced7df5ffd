namespace SweepCluster.Core.Results;

/// <summary>One point of a bound-versus-depth curve: a key, a depth, and every quantity summarized over seeds.</summary>
public sealed record CurveRow(
    CurveKey Key,
    int Depth,
    int NSeeds,
    int NFailed,
    IReadOnlyList<QuantitySummary> Quantities)
{
    /// <summary>The summary of <paramref name="name"/> (one of <see cref="CurveQuantities.All"/>).</summary>
    public QuantitySummary Get(string name) =>
        Quantities.FirstOrDefault(q => q.Name == name)
        ?? throw new KeyNotFoundException($"Curve row has no quantity '{name}'.");
}

/// <summary>One quantity over the seeds of a (key, depth): how many seeds defined it, the mean and 95% t-interval
/// (null when too few seeds), and each seed's value, ordered by seed.</summary>
public sealed record QuantitySummary(
    string Name,
    int N,
    double? Mean,
    double? CiLow,
    double? CiHigh,
    IReadOnlyList<SeedValue> PerSeed);

/// <summary>One seed's value of a quantity.</summary>
public readonly record struct SeedValue(int Seed, double Value);
