using SweepCluster.Core.Statistics;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>The running state of one (key, depth): each quantity's per-seed values, appended as results arrive.</summary>
/// <remarks>The per-seed values are the running statistic: curves must report them anyway, and summarizing them in
/// seed order when asked (with <see cref="SeedStatistics.Summarize"/>) makes a row bit-for-bit the same whatever
/// order results arrived in, which an online mean would not (floating-point sums depend on order).</remarks>
internal sealed class CurveCell
{
    private readonly IReadOnlyList<string> _names;
    private readonly List<SeedValue>[] _perSeed;

    /// <summary>A cell of a row at <paramref name="depth"/>: the top-level quantities and those of layers 1..depth,
    /// fixed at creation so a row's columns never depend on which result arrived first.</summary>
    public CurveCell(int depth)
    {
        _names = CurveQuantities.ForDepth(depth);
        _perSeed = new List<SeedValue>[_names.Count];
        for (var i = 0; i < _perSeed.Length; i++) _perSeed[i] = [];
    }

    public int NSeeds { get; private set; }

    public int NFailed { get; set; }

    public void Add(TrialResult result)
    {
        NSeeds++;
        for (var i = 0; i < _perSeed.Length; i++)
        {
            // An undefined value (a bound with a reason) is skipped, so each quantity keeps its own n.
            if (CurveQuantities.Read(result, _names[i]) is { } value)
                _perSeed[i].Add(new SeedValue(result.Config.Seed, value));
        }
    }

    public CurveRow Summarize(CurveKey key, int depth, double level)
    {
        var quantities = new QuantitySummary[_perSeed.Length];
        for (var i = 0; i < quantities.Length; i++)
        {
            var perSeed = _perSeed[i].OrderBy(s => s.Seed).ThenBy(s => s.Value).ToArray();
            var name = _names[i];
            if (perSeed.Length == 0)
            {
                quantities[i] = new QuantitySummary(name, 0, null, null, null, perSeed);
                continue;
            }
            var summary = SeedStatistics.Summarize(perSeed.Select(s => s.Value).ToArray(), level);
            quantities[i] = new QuantitySummary(name, summary.N, summary.Mean, summary.Low, summary.High, perSeed);
        }
        return new CurveRow(key, depth, NSeeds, NFailed, quantities);
    }
}
