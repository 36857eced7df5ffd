using SweepCluster.Core.Statistics;

namespace SweepCluster.Core.Verdicts;

/// <summary>A least-squares slope of a quantity in depth over the per-seed values, with its Student t-interval, its
/// standard error and degrees of freedom (for one-sided tests and their power).</summary>
/// <remarks>Fitted on every seed's value rather than on the means, so the interval carries the seed-to-seed spread
/// (the residual variance with N - 2 degrees of freedom), not just the spread of a handful of means.</remarks>
public sealed record DepthSlope(double Value, double Low, double High, int Points)
{
    /// <summary>The standard error of the slope: sqrt(residual variance / Sxx).</summary>
    public double StandardError { get; init; }

    /// <summary>N - 2.</summary>
    public int DegreesOfFreedom => Points - 2;

    /// <summary>The fit of <paramref name="points"/> (depth, value); null with fewer than 3 points or 2 distinct depths.</summary>
    public static DepthSlope? Fit(IReadOnlyList<(double Depth, double Value)> points, double level)
    {
        var n = points.Count;
        if (n < 3 || points.Select(p => p.Depth).Distinct().Count() < 2) return null;
        double meanX = 0, meanY = 0;
        foreach (var (x, y) in points) { meanX += x; meanY += y; }
        meanX /= n;
        meanY /= n;
        double sxx = 0, sxy = 0;
        foreach (var (x, y) in points)
        {
            sxx += (x - meanX) * (x - meanX);
            sxy += (x - meanX) * (y - meanY);
        }
        var slope = sxy / sxx;
        var intercept = meanY - slope * meanX;
        double residuals = 0;
        foreach (var (x, y) in points) residuals += Math.Pow(y - intercept - slope * x, 2);
        var standardError = Math.Sqrt(residuals / (n - 2) / sxx);
        var half = ConfidenceInterval.StudentTCritical(n - 2, level) * standardError;
        return new DepthSlope(slope, slope - half, slope + half, n) { StandardError = standardError };
    }

    /// <summary>The one-sided p-value against "the slope is at most 0" when <paramref name="rise"/> (a rise is the
    /// violation), else against "at least 0". A slope with no residual spread is decided by its sign: 0 when it points
    /// the violating way by more than <paramref name="tolerance"/>, 1 otherwise.</summary>
    public double OneSidedP(bool rise, double tolerance)
    {
        var directed = rise ? Value : -Value;
        if (!(StandardError > 0)) return directed > tolerance ? 0.0 : 1.0;
        return ConfidenceInterval.StudentTUpperTail(directed / StandardError, DegreesOfFreedom);
    }

    /// <summary>The smallest slope a one-sided test at <paramref name="alpha"/> detects with probability
    /// <paramref name="power"/>: (t_(1-alpha) + t_power) * SE on N - 2 degrees of freedom.</summary>
    public double Detectable(double alpha, double power) =>
        (ConfidenceInterval.StudentTQuantile(DegreesOfFreedom, 1 - alpha) + ConfidenceInterval.StudentTQuantile(DegreesOfFreedom, power))
        * StandardError;

    /// <summary>"-0.012 [-0.02, -0.004] per layer".</summary>
    public override string ToString() =>
        $"{VerdictFormat.Number(Value)} [{VerdictFormat.Number(Low)}, {VerdictFormat.Number(High)}] per layer";
}
