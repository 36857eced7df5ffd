namespace SweepCluster.Core.Statistics;

/// <summary>Summaries of one quantity over the seeds of a configuration (docs/SCIENCE.md section 7).</summary>
internal static class SeedStatistics
{
    /// <summary>Mean, sample standard deviation (N - 1 denominator) and the Student t-interval at <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is NaN or infinite: a missing number must be
    /// left out by the caller, not averaged into a curve.</exception>
    public static Summary Summarize(IReadOnlyList<double> values, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        ConfidenceInterval.ValidateLevel(level);
        if (values.Count == 0) throw new ArgumentException("Cannot summarize zero values.", nameof(values));
        for (int i = 0; i < values.Count; i++) RequireFinite(values[i], nameof(values));

        int n = values.Count;
        double mean = 0;
        for (int i = 0; i < n; i++) mean += values[i];
        mean /= n;
        if (n == 1) return new Summary(1, mean, null, null, null);

        // Two passes: summing squared deviations from the mean avoids the cancellation of sum(x^2) - n mean^2.
        double squares = 0;
        for (int i = 0; i < n; i++) squares += (values[i] - mean) * (values[i] - mean);
        double stdDev = Math.Sqrt(squares / (n - 1));
        double half = ConfidenceInterval.HalfWidth(stdDev, n, level);
        return new Summary(n, mean, mean - half, mean + half, stdDev);
    }

    internal static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"A seed value of {value} cannot be summarized; only finite numbers can.", name);
    }
}
