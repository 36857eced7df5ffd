using SweepCluster.Core.Results;

namespace SweepCluster.Core.Studies;

/// <summary>How the gap and each bound scale with the sample size n, per curve and depth, where a sweep's grid has
/// three or more values of train_size: the exponent of a power law in n with its bootstrap interval
/// (<see cref="PowerLawFit"/>), and the n at which the fit reaches <see cref="TargetGap"/>. The paper's bounds fall
/// like n^(-1/2) at a fixed information; the measured gap's exponent against theirs is the finding, and the n a
/// deeper net needs to reach a gap (its sample complexity) is what the paper says falls with depth.</summary>
public static class SampleSizeRates
{
    /// <summary>The level whose sample size <see cref="SampleSizeRate.SizeToReach"/> reports: a gap of 0.01 is
    /// one point of error, about what 10 seeds resolve on 2,000 test points.</summary>
    public const double TargetGap = 0.01;

    /// <summary>The quantities fitted: the gap, the test error and every bound in column order, then a CMI sweep's gap
    /// (twin - train) and its two CMI bounds with b_fcmi's null (a quantity no trial defines is skipped).</summary>
    public static readonly IReadOnlyList<string> Quantities =
    [
        CurveQuantities.Gap, CurveQuantities.TestError, .. CurveQuantities.Bounds,
        CurveQuantities.FcmiGap, CurveQuantities.BFcmi, CurveQuantities.BFcmiNull, CurveQuantities.BLdcmi,
    ];

    /// <summary>One entry per (curve without its train_size, depth) with at least three sample sizes, in key then
    /// depth order; empty when no curve varies train_size that much.</summary>
    public static IReadOnlyList<SampleSizeCurve> Of(IReadOnlyList<CurveRow> rows)
    {
        var result = new List<SampleSizeCurve>();
        foreach (var group in rows.GroupBy(r => (Key: r.Key with { TrainSize = 0 }, r.Depth)).OrderBy(g => g.Key.Key).ThenBy(g => g.Key.Depth))
        {
            var bySize = group.OrderBy(r => r.Key.TrainSize).ToList();
            if (bySize.Select(r => r.Key.TrainSize).Distinct().Count() < 3) continue;
            var fits = new List<SampleSizeRate>();
            foreach (var quantity in Quantities)
            {
                var points = bySize
                    .Select(r => (r.Key.TrainSize, Values: (IReadOnlyList<double>)(r.Find(quantity)?.PerSeed.Select(s => s.Value).ToList() ?? [])))
                    .Where(p => p.Values.Count > 0)
                    .ToList();
                if (points.Count == 0) continue;
                fits.Add(new SampleSizeRate(quantity, PowerLawFit.Fit(points)));
            }
            var unresolved = bySize.Where(r => !DepthTrends.InformationResolved(r)).Select(r => r.Key.TrainSize).ToList();
            result.Add(new SampleSizeCurve(bySize[0].Key, group.Key.Depth, bySize, fits) { UnresolvedInformationSizes = unresolved });
        }
        return result;
    }
}

/// <summary>The rows of one curve and depth at every sample size, and the power-law fit of each quantity.</summary>
/// <param name="Key">The curve's key at its smallest sample size (label it without train_size).</param>
public sealed record SampleSizeCurve(CurveKey Key, int Depth, IReadOnlyList<CurveRow> Rows, IReadOnlyList<SampleSizeRate> Rates)
{
    public IReadOnlyList<int> Sizes => Rows.Select(r => r.Key.TrainSize).ToList();

    /// <summary>The sizes where the last layer's i_x_t is unresolved (<see cref="DepthTrends.InformationResolved"/>):
    /// b_paper_measured there is the estimator's error, not a measurement.</summary>
    public IReadOnlyList<int> UnresolvedInformationSizes { get; init; } = [];

    public SampleSizeRate? Rate(string quantity) => Rates.FirstOrDefault(r => r.Quantity == quantity);
}

/// <summary>A quantity's power law in n; <see cref="Fit"/> is null when fewer than three sample sizes had a positive mean.</summary>
public sealed record SampleSizeRate(string Quantity, PowerLawFit? Fit)
{
    /// <summary>The n at which the fitted law reaches <paramref name="level"/>, or null.</summary>
    public double? SizeToReach(double level) => Fit?.SizeToReach(level);
}
