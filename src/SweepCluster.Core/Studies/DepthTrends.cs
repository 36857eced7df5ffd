using SweepCluster.Core.Results;
using SweepCluster.Core.Verdicts;

namespace SweepCluster.Core.Studies;

/// <summary>Where depth helps and whether the bounds follow the gap there, per curve: the depth of least test error
/// (and whether its interval is clear of depth 1's), the depths where training works, and on those depths the
/// per-seed depth slope of the gap and of each bound. A bound tracks the gap's trend when its slope has the gap's
/// sign with both intervals clear of zero, or when both intervals hold zero.</summary>
/// <remarks>Training works at a depth when the train error's upper interval edge is below half the chance error: a
/// net there has learned most of what separates the classes, so its gap is not the trivial one of a net at chance
/// (the way noisy depth makes a gap fall in the lossy regime, P3).</remarks>
public static class DepthTrends
{
    /// <summary>Fewest depths a trend is fitted on.</summary>
    public const int MinDepths = 3;

    public static IReadOnlyList<DepthTrend> Of(IReadOnlyList<CurveRow> rows, double level = 0.95)
    {
        var result = new List<DepthTrend>();
        foreach (var curve in rows.GroupBy(r => r.Key).OrderBy(g => g.Key))
        {
            var byDepth = curve.OrderBy(r => r.Depth).ToList();
            if (byDepth.Count < 2) continue;
            var best = byDepth.Where(r => r.Mean(CurveQuantities.TestError) is not null)
                .MinBy(r => r.Mean(CurveQuantities.TestError)!.Value);
            if (best is null) continue;
            var first = byDepth[0];
            bool clear = best.Depth != first.Depth && best.Get(CurveQuantities.TestError).CiHigh is { } bestHigh
                         && first.Get(CurveQuantities.TestError).CiLow is { } firstLow && bestHigh < firstLow;
            var working = byDepth.Where(Trains).Select(r => r.Depth).ToList();
            var slopes = new List<QuantitySlope>();
            if (working.Count >= MinDepths)
                foreach (var quantity in (IEnumerable<string>)[CurveQuantities.Gap, .. CurveQuantities.Bounds])
                {
                    var points = byDepth.Where(r => working.Contains(r.Depth))
                        .SelectMany(r => r.Find(quantity)?.PerSeed.Select(s => ((double)r.Depth, s.Value)) ?? [])
                        .ToList();
                    if (DepthSlope.Fit(points, level) is not { } slope) continue;
                    bool identity = byDepth.Where(r => working.Contains(r.Depth))
                        .All(r => r.Find(quantity) is { PerSeed: { Count: > 1 } seeds } && seeds.All(s => s.Value == seeds[0].Value));
                    slopes.Add(new QuantitySlope(quantity, slope, identity));
                }
            var unresolved = byDepth.Where(r => working.Contains(r.Depth) && !InformationResolved(r)).Select(r => r.Depth).ToList();
            result.Add(new DepthTrend(curve.Key, first.Depth, best.Depth, clear, working, slopes) { UnresolvedInformationDepths = unresolved });
        }
        return result;
    }

    /// <summary>Whether the last layer's i_x_t, which b_paper_measured is computed from, is resolved at this point: its
    /// mean path drift (all mixture paths minus half of them) within its mean standard error and its mean not negative
    /// beyond that error. Without i_x_t (act_noise 0) there is nothing to resolve.</summary>
    public static bool InformationResolved(CurveRow row)
    {
        var ixt = row.Mean(LayerQuantities.Name(row.Depth, LayerQuantity.IXT));
        if (ixt is not { } value) return true;
        var se = row.Mean(LayerQuantities.Name(row.Depth, LayerQuantity.IXTSe)) ?? 0;
        var drift = row.Mean(LayerQuantities.Name(row.Depth, LayerQuantity.IXTPathDrift)) ?? 0;
        return Math.Abs(drift) <= se && value >= -se;
    }

    /// <summary>Training works at this point: the train error's upper edge is below half the chance error.</summary>
    public static bool Trains(CurveRow row) =>
        row.Find(CurveQuantities.TrainError)?.CiHigh is { } high && row.Mean(CurveQuantities.ChanceError) is { } chance
        && high < chance / 2;
}

/// <param name="BestDepth">The depth of least mean test error.</param>
/// <param name="ClearOfShallowest">Its test error's interval lies wholly below the shallowest depth's.</param>
/// <param name="TrainingDepths">The depths where training works (<see cref="DepthTrends.Trains"/>).</param>
/// <param name="Slopes">The gap's slope first, then each bound's; empty with fewer than three training depths.</param>
public sealed record DepthTrend(
    CurveKey Key,
    int ShallowestDepth,
    int BestDepth,
    bool ClearOfShallowest,
    IReadOnlyList<int> TrainingDepths,
    IReadOnlyList<QuantitySlope> Slopes)
{
    /// <summary>The training depths where the last layer's i_x_t is not resolved (<see cref="DepthTrends.InformationResolved"/>):
    /// b_paper_measured there is the estimator's error, not a measurement.</summary>
    public IReadOnlyList<int> UnresolvedInformationDepths { get; init; } = [];

    public QuantitySlope? Gap => Slopes.FirstOrDefault(s => s.Quantity == CurveQuantities.Gap);

    /// <summary>Whether <paramref name="bound"/>'s slope tracks the gap's (see <see cref="DepthTrends"/>); null when
    /// the gap was not fitted, the bound is an identity (computed from the settings, it cannot follow the data), or it is
    /// b_paper_measured at a depth whose i_x_t is unresolved.</summary>
    public bool? Tracks(QuantitySlope bound) =>
        Gap is { } gap && !bound.Identity && !(bound.Quantity == CurveQuantities.BPaperMeasured && UnresolvedInformationDepths.Count > 0)
            ? gap.Direction == bound.Direction
            : null;
}

/// <summary>A quantity's per-seed depth slope over the depths where training works.</summary>
/// <param name="Identity">One value across seeds at every depth: computed from the settings, so its slope is an identity.</param>
public sealed record QuantitySlope(string Quantity, DepthSlope Slope, bool Identity)
{
    /// <summary>-1 (falls: interval below zero), +1 (rises), 0 (the interval holds zero).</summary>
    public int Direction => Slope.High < 0 ? -1 : Slope.Low > 0 ? 1 : 0;
}
