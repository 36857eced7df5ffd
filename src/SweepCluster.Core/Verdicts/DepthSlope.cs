using SweepCluster.Core.Statistics;

namespace SweepCluster.Core.Verdicts;

/// <summary>A least-squares slope of a quantity in depth over the per-seed values, with its Student t-interval.</summary>
/// <remarks>Fitted on every seed's value rather than on the means, so the interval carries the seed-to-seed spread
/// (the residual variance with N - 2 degrees of freedom), not just the spread of a handful of means.</remarks>
public sealed record DepthSlope(double Value, double Low, double High, int Points)
{
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
        return new DepthSlope(slope, slope - half, slope + half, n);
    }

    /// <summary>"-0.012 [-0.02, -0.004] per layer".</summary>
    public override string ToString() =>
        $"{VerdictFormat.Number(Value)} [{VerdictFormat.Number(Low)}, {VerdictFormat.Number(High)}] per layer";
}
