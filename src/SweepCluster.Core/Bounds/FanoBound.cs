namespace SweepCluster.Core.Bounds;

/// <summary>Fano's inequality as a lower bound on the training error from an upper value of I(Y;T_L).</summary>
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

    /// <summary>P_e &gt;= max(0, (H(Y) - I(Y;T) - ln 2) / ln C) for labels of entropy H(Y) &lt;= ln C, in nats.</summary>
    /// <remarks>From H(Y|T) &lt;= ln 2 + P_e ln(C - 1) &lt;= ln 2 + P_e ln C. With uniform labels (H(Y) = ln C) it is
    /// <see cref="LowerBound(double, int)"/>; with the empirical label entropy of a finite set it stays a bound when the
    /// classes are not balanced, where the uniform form would overstate the error (all labels alike: H(Y) = 0, and a
    /// constant guess makes no error).</remarks>
    public static double LowerBound(double iYT, int classes, double labelEntropy)
    {
        if (double.IsNaN(iYT)) throw new ArgumentOutOfRangeException(nameof(iYT), iYT, "I(Y;T) must be a number.");
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        double logClasses = Math.Log(classes);
        if (!(labelEntropy >= 0 && labelEntropy <= logClasses + 1e-12))
            throw new ArgumentOutOfRangeException(nameof(labelEntropy), labelEntropy, "H(Y) lies in [0, ln C].");
        double information = Math.Max(0.0, iYT);
        return Math.Max(0.0, (labelEntropy - information - Math.Log(2.0)) / logClasses);
    }
}
