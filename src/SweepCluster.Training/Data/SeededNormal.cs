namespace SweepCluster.Training.Data;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Box-Muller), so datasets are a pure
/// function of their seed in every process.</summary>
internal sealed class SeededNormal(int seed)
{
    private readonly Random _random = new(seed);
    private double? _spare;

    public Random Uniform => _random;

    public double Next()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }
        double u1 = 1.0 - _random.NextDouble(); // in (0, 1], so the log is finite
        double u2 = _random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }
}
