using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>Names curves by the settings that vary across the sweep ("width=4, act_noise=0.5"): the fixed ones say
/// nothing that tells two curves apart.</summary>
public sealed class CurveLabels
{
    private readonly IReadOnlyList<int> _varying;

    public CurveLabels(IEnumerable<CurveKey> keys)
    {
        var cells = keys.Select(k => k.Cells()).ToList();
        _varying = Enumerable.Range(0, CurveKey.ColumnNames.Count)
            .Where(i => cells.Select(c => c[i]).Distinct(StringComparer.Ordinal).Count() > 1)
            .ToList();
    }

    /// <summary>The label of <paramref name="key"/>, leaving out the columns named in <paramref name="except"/>
    /// (the axis a comparison varies); "all curves" when nothing is left.</summary>
    public string Of(CurveKey key, params string[] except)
    {
        var cells = key.Cells();
        var parts = _varying.Where(i => !except.Contains(CurveKey.ColumnNames[i]))
            .Select(i => $"{CurveKey.ColumnNames[i]}={cells[i]}")
            .ToList();
        return parts.Count == 0 ? "all curves" : string.Join(", ", parts);
    }
}
