using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>Comparisons of two seed intervals: a change counts as evidence only when one interval lies wholly beyond
/// the other, so overlapping intervals (noise) never make a violation.</summary>
internal static class Intervals
{
    /// <summary>True when <paramref name="later"/>'s interval lies wholly above <paramref name="earlier"/>'s.</summary>
    public static bool WhollyAbove(QuantitySummary later, QuantitySummary earlier, VerdictThresholds thresholds) =>
        later.CiLow is { } low && earlier.CiHigh is { } high && thresholds.Exceeds(low, high);

    /// <summary>True when <paramref name="later"/>'s interval lies wholly below <paramref name="earlier"/>'s.</summary>
    public static bool WhollyBelow(QuantitySummary later, QuantitySummary earlier, VerdictThresholds thresholds) =>
        later.CiHigh is { } high && earlier.CiLow is { } low && thresholds.Exceeds(low, high);
}
