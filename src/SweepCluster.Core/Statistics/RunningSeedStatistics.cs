namespace SweepCluster.Core.Statistics;

/// <summary>Folds one quantity's per-seed values in one at a time, keeping them in insertion order, and summarizes on demand.</summary>
/// <remarks>The values are kept anyway (curves report per-seed values), so a summary is recomputed from them: it is
/// identical to <see cref="SeedStatistics.Summarize"/> on the same list, with no drift from an online update.</remarks>
public sealed class RunningSeedStatistics
{
    private readonly List<double> _values = [];

    /// <summary>The values added so far, in the order they were added.</summary>
    public IReadOnlyList<double> Values => _values;

    public int Count => _values.Count;

    /// <summary>Adds one seed's value; NaN or infinity is rejected here, where the caller still knows which seed it was.</summary>
    public void Add(double value)
    {
        SeedStatistics.RequireFinite(value, nameof(value));
        _values.Add(value);
    }

    /// <summary>The summary of every value added so far.</summary>
    /// <exception cref="InvalidOperationException">Nothing has been added.</exception>
    public Summary Summarize(double level = 0.95) =>
        _values.Count > 0
            ? SeedStatistics.Summarize(_values, level)
            : throw new InvalidOperationException("No seed values have been added yet.");
}
