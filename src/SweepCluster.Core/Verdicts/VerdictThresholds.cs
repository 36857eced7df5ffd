namespace SweepCluster.Core.Verdicts;

/// <summary>The numbers every rule judges by; report.md lists them beside the verdicts.</summary>
public sealed record VerdictThresholds
{
    /// <summary>Confidence of the seed intervals the curves carry (and of the slope intervals fitted here).</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>No verdict of pass rests on fewer depths than this.</summary>
    public int MinDepths { get; init; } = 2;

    /// <summary>No verdict of pass rests on a point with fewer seeds than this (one seed has no interval).</summary>
    public int MinSeeds { get; init; } = 2;

    /// <summary>P2: a rise of the mean consistent estimate i_x_t from one layer to the next is a violation when it
    /// exceeds this many combined standard errors.</summary>
    public double StandardErrors { get; init; } = 3.0;

    /// <summary>P1, P3, P4: the family-wise level of the one-sided slope tests of one prediction (Holm across its curves).</summary>
    public double TrendAlpha { get; init; } = 0.05;

    /// <summary>The power at which a trend pass prints the smallest slope its test could have detected.</summary>
    public double TrendPower { get; init; } = 0.8;

    /// <summary>Relative slack below which two numbers count as equal: values computed by the same formula may differ
    /// in the last bits, which is no evidence of anything.</summary>
    public double RelativeTolerance { get; init; } = 1e-9;

    /// <summary>P1 in frozen_features: the fitted log B_paper slope may miss (1/2) ln eta by this fraction of it
    /// beyond its own interval.</summary>
    public double LogSlopeRelativeTolerance { get; init; } = 0.05;

    /// <summary>A curve is information-losing when its analytic eta product at its deepest depth is below 1 by more
    /// than this.</summary>
    public double EtaBelowOne { get; init; } = 1e-12;

    /// <summary>True when <paramref name="a"/> exceeds <paramref name="b"/> by more than the relative tolerance.</summary>
    public bool Exceeds(double a, double b) => a - b > RelativeTolerance * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));
}
