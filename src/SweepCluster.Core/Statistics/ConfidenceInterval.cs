using MathNet.Numerics.Distributions;

namespace SweepCluster.Core.Statistics;

/// <summary>The Student t-interval for a mean: mean +- t_{(1+level)/2, N-1} * s / sqrt(N).</summary>
internal static class ConfidenceInterval
{
    /// <summary>The two-sided critical value t_{(1+level)/2} with the given degrees of freedom.</summary>
    public static double StudentTCritical(int degreesOfFreedom, double level)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        ValidateLevel(level);
        return StudentT.InvCDF(0.0, 1.0, degreesOfFreedom, (1.0 + level) / 2.0);
    }

    /// <summary>The quantile t_p of the Student t distribution with the given degrees of freedom (one-sided critical
    /// values and power calculations).</summary>
    public static double StudentTQuantile(int degreesOfFreedom, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        ValidateLevel(probability);
        return StudentT.InvCDF(0.0, 1.0, degreesOfFreedom, probability);
    }

    /// <summary>P(T &gt;= t) for T Student t with the given degrees of freedom: the one-sided p-value of t.</summary>
    public static double StudentTUpperTail(double t, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (double.IsPositiveInfinity(t)) return 0;
        if (double.IsNegativeInfinity(t)) return 1;
        return 1.0 - StudentT.CDF(0.0, 1.0, degreesOfFreedom, t);
    }

    /// <summary>Half the width of the interval for N values with sample standard deviation s (N &gt;= 2).</summary>
    public static double HalfWidth(double stdDev, int n, double level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        return StudentTCritical(n - 1, level) * stdDev / Math.Sqrt(n);
    }

    internal static void ValidateLevel(double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "A confidence level lies strictly between 0 and 1.");
    }
}
