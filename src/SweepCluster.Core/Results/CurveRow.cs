namespace SweepCluster.Core.Results;

/// <summary>One point of a bound-versus-depth curve: a key, a depth, and every quantity summarized over seeds.</summary>
public sealed record CurveRow(
    CurveKey Key,
    int Depth,
    int NSeeds,
    int NFailed,
    IReadOnlyList<QuantitySummary> Quantities)
{
    /// <summary>The summary of <paramref name="name"/> (one of <see cref="CurveQuantities.ForDepth"/> of this depth).</summary>
    public QuantitySummary Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"Curve row has no quantity '{name}'.");

    /// <summary>The summary of <paramref name="name"/>, or null when this row has no such column (a layer deeper than
    /// its depth).</summary>
    public QuantitySummary? Find(string name) => Quantities.FirstOrDefault(q => q.Name == name);

    /// <summary>The mean of <paramref name="name"/>, or null when undefined or absent.</summary>
    public double? Mean(string name) => Find(name)?.Mean;
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

/// <summary>One seed's value of a quantity. In a CMI sweep the unit is a seed's supersample: the value is the mean
/// over that supersample's selections (which share examples, so they are not independent samples).</summary>
public readonly record struct SeedValue(
    int Seed,
    double Value,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    int? Supersample = null)
{
    /// <summary>What values are paired by across quantities: the seed, and the supersample in a CMI sweep.</summary>
    public (int Seed, int? Supersample) Unit => (Seed, Supersample);
}
