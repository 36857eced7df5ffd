namespace SweepCluster.Core.Bounds;

/// <summary>Elementary functions the bound code needs with more care than <see cref="Math"/> gives.</summary>
internal static class NumericFunctions
{
    /// <summary>log(1 + x), accurate to a few ulps for every x &gt; -1, including |x| far below machine epsilon.</summary>
    /// <remarks>
    /// Math.Log(1 + x) loses the low bits of x when 1 + x is rounded (at x = 1e-12 the relative error is about 1e-4,
    /// and below 1.1e-16 the answer is 0), and .NET's double.LogP1 is exactly that expression. Goldberg's trick
    /// (What Every Computer Scientist Should Know About Floating-Point Arithmetic, theorem 4): with u = fl(1 + x),
    /// log(u) * x / (u - 1) is exact to a few ulps, because the rounding error of u cancels between log(u) and u - 1.
    /// </remarks>
    public static double Log1P(double x)
    {
        if (double.IsNaN(x) || x < -1.0) return double.NaN;
        if (x == -1.0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return double.PositiveInfinity;
        double u = 1.0 + x;
        if (u == 1.0) return x; // |x| below half an ulp of 1: log(1 + x) = x - x^2/2 + ... rounds to x
        if (double.IsPositiveInfinity(u)) return Math.Log(x);
        return Math.Log(u) * (x / (u - 1.0));
    }
}
