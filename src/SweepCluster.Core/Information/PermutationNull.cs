using SweepCluster.Core.Data;

namespace SweepCluster.Core.Information;

/// <summary>Shuffle test for any MI estimator: permuting the rows of y destroys the dependence but keeps both
/// marginals, so the shuffled estimates show what the estimator reports (bias and spread) when I = 0.</summary>
public static class PermutationNull
{
    /// <summary>The estimate on (x, y) and the 2.5% / 97.5% quantiles and maximum of the estimates on
    /// (x, y with rows permuted), over <paramref name="shuffles"/> permutations drawn from a seeded System.Random.</summary>
    /// <remarks>Shuffles run one after another (the estimator may parallelize itself and need not be thread-safe),
    /// so the result depends only on the estimator, the data, the count and the seed.</remarks>
    public static PermutationTestResult Run(
        Func<SampleMatrix, SampleMatrix, double> estimator, SampleMatrix x, SampleMatrix y, int shuffles = 100, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(shuffles, 1);
        if (x.Rows != y.Rows) throw new ArgumentException($"x has {x.Rows} rows but y has {y.Rows}.", nameof(y));

        double estimate = estimator(x, y);
        var random = new Random(seed);
        var order = Enumerable.Range(0, y.Rows).ToArray();
        var nulls = new double[shuffles];
        for (int s = 0; s < shuffles; s++)
        {
            random.Shuffle(order);
            nulls[s] = estimator(x, y.SelectRows(order));
        }
        double[] sorted = nulls.Order().ToArray();
        return new PermutationTestResult(estimate, Quantile(sorted, 0.025), Quantile(sorted, 0.975), sorted[^1], nulls);
    }

    /// <summary>Linear interpolation between order statistics (R's type 7), on sorted values.</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int below = (int)Math.Floor(h);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
