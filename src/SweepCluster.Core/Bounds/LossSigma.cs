namespace SweepCluster.Core.Bounds;

/// <summary>Sub-Gaussian parameters of bounded losses: a loss in [a, b] is (b - a)/2-sub-Gaussian (Hoeffding's lemma).</summary>
public static class LossSigma
{
    /// <summary>The 0-1 loss lies in [0, 1].</summary>
    public const double ZeroOne = 0.5;

    /// <summary>sigma of a loss bounded in [a, b].</summary>
    public static double ForRange(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || high < low)
            throw new ArgumentException($"A loss range needs finite low <= high, got [{low}, {high}].");
        return (high - low) / 2.0;
    }
}
