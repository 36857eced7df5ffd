using SweepCluster.Core.Bounds;
using SweepCluster.Core.Statistics;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>The running state of one (key, depth): each quantity's per-seed values, appended as results arrive.</summary>
/// <remarks>The per-seed values are the running statistic: curves must report them anyway, and summarizing them in
/// seed order when asked (with <see cref="SeedStatistics.Summarize"/>) makes a row bit-for-bit the same whatever
/// order results arrived in, which an online mean would not (floating-point sums depend on order). In a CMI sweep the
/// unit is a seed's supersample: its selections are averaged into one value before the interval, and its CMI bounds
/// (<see cref="CurveQuantities.PerSupersample"/>) are computed from all of them.</remarks>
internal sealed class CurveCell
{
    private readonly IReadOnlyList<string> _names;
    private readonly List<SeedValue>[] _perSeed;
    private readonly Dictionary<(int Seed, int Supersample), SortedList<int, CmiOutcome>> _cmi = [];
    /// <summary>Each supersample's estimates, computed when asked and kept until a selection of it arrives: the
    /// permutation null costs milliseconds (about 6 ms at 500 pairs and 120 selections), and the live gauges summarize
    /// a cell after every result.</summary>
    private readonly Dictionary<(int Seed, int Supersample), CmiBoundEstimates> _estimates = [];

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
                _perSeed[i].Add(new SeedValue(result.Config.Seed, value, result.Config.Cmi?.Supersample));
        }
        if (result is { Cmi: { } outcome, Config.Cmi: { } draw })
        {
            var unit = (result.Config.Seed, draw.Supersample);
            if (!_cmi.TryGetValue(unit, out var selections)) _cmi[unit] = selections = [];
            // In selection order whatever the arrival order, so the permutation null is the same bits; a selection
            // reported twice keeps its first outcome.
            if (selections.TryAdd(draw.Selection, outcome)) _estimates.Remove(unit);
        }
    }

    public CurveRow Summarize(CurveKey key, int depth, double level)
    {
        var quantities = new QuantitySummary[_perSeed.Length];
        for (var i = 0; i < quantities.Length; i++)
        {
            var name = _names[i];
            var perSeed = CurveQuantities.PerSupersample.Contains(name) ? PerSupersample(name) : PerUnit(_perSeed[i]);
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

    /// <summary>One value per unit (seed, or seed and supersample), in unit order: the mean of the unit's values, summed
    /// in value order so the bits do not depend on arrival order. Outside CMI sweeps every unit has one value.</summary>
    private static SeedValue[] PerUnit(List<SeedValue> values) =>
        values.GroupBy(v => v.Unit)
            .OrderBy(g => g.Key.Seed).ThenBy(g => g.Key.Supersample)
            .Select(g =>
            {
                var ordered = g.Select(v => v.Value).Order().ToArray();
                return new SeedValue(g.Key.Seed, ordered.Length == 1 ? ordered[0] : ordered.Sum() / ordered.Length, g.Key.Supersample);
            })
            .ToArray();

    /// <summary>A CMI quantity of every supersample with at least two selections ended (b_ldcmi: whose selections
    /// record labels).</summary>
    private SeedValue[] PerSupersample(string name) =>
        _cmi.Where(c => c.Value.Count >= 2)
            .OrderBy(c => c.Key.Seed).ThenBy(c => c.Key.Supersample)
            .Select(c => (c.Key, Value: Pick(Estimates(c.Key, c.Value), name)))
            .Where(c => c.Value is not null)
            .Select(c => new SeedValue(c.Key.Seed, c.Value!.Value, c.Key.Supersample))
            .ToArray();

    private CmiBoundEstimates Estimates((int Seed, int Supersample) unit, SortedList<int, CmiOutcome> selections)
    {
        if (!_estimates.TryGetValue(unit, out var estimates))
            _estimates[unit] = estimates = CmiBoundEstimates.Of(selections.Values.ToList(), PermutationSeed(unit));
        return estimates;
    }

    /// <summary>A fixed function of the unit, so the null is reproducible across runs and processes.</summary>
    private static int PermutationSeed((int Seed, int Supersample) unit) =>
        unchecked(unit.Seed * 1_000_003 + unit.Supersample * 7_919 + 0x4E554C); // "NUL"

    private static double? Pick(CmiBoundEstimates e, string name) => name switch
    {
        CurveQuantities.CmiSelections => e.Selections,
        CurveQuantities.FcmiBias => e.FcmiBias,
        CurveQuantities.BFcmi => e.Fcmi.PlugIn,
        CurveQuantities.BFcmiNull => e.Fcmi.NullMean,
        CurveQuantities.BFcmiNullQ95 => e.Fcmi.NullQ95,
        CurveQuantities.BFcmiCorrected => e.Fcmi.Corrected,
        CurveQuantities.BFcmiMillerMadow => e.Fcmi.MillerMadow,
        CurveQuantities.BLdcmi => e.Ldcmi?.PlugIn,
        CurveQuantities.BLdcmiNull => e.Ldcmi?.NullMean,
        CurveQuantities.BLdcmiNullQ95 => e.Ldcmi?.NullQ95,
        CurveQuantities.BLdcmiCorrected => e.Ldcmi?.Corrected,
        CurveQuantities.BLdcmiMillerMadow => e.Ldcmi?.MillerMadow,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a per-supersample CMI quantity."),
    };
}
