namespace SweepCluster.Core.Bounds;

/// <summary>Fano's inequality as a lower bound on the training error from I(Y;T_L).</summary>
public static class FanoBound
{
    /// <summary>P_e &gt;= max(0, 1 - (I(Y;T) + ln 2) / ln C), in nats.</summary>
    /// <remarks>A negative estimate (estimator bias) is taken as 0: the true I is &gt;= 0, so the bound from 0 still holds,
    /// while the negative value would overstate it.</remarks>
    public static double LowerBound(double iYT, int classes)
    {
        if (double.IsNaN(iYT)) throw new ArgumentOutOfRangeException(nameof(iYT), iYT, "I(Y;T) must be a number.");
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        double information = Math.Max(0.0, iYT);
        return Math.Max(0.0, 1.0 - (information + Math.Log(2.0)) / Math.Log(classes));
    }
}
