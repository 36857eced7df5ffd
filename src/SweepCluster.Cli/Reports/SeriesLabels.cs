using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Reports;

/// <summary>Names each curve key by its width plus whichever other settings vary across the figure (act_noise
/// aside, which the panel title states), so two lines of one panel never share a label.</summary>
internal static class SeriesLabels
{
    public static IReadOnlyDictionary<CurveKey, string> For(IReadOnlyList<CurveKey> keys)
    {
        var names = CurveKey.ColumnNames;
        var cells = keys.ToDictionary(k => k, k => k.Cells());
        var widthIndex = IndexOf(names, Core.Spec.AxisNames.Width);
        var actNoiseIndex = IndexOf(names, Core.Spec.AxisNames.ActNoise);
        var varying = Enumerable.Range(0, names.Count)
            .Where(i => i != widthIndex && i != actNoiseIndex)
            .Where(i => cells.Values.Select(c => c[i]).Distinct().Count() > 1)
            .ToList();
        return cells.ToDictionary(
            c => c.Key,
            c => string.Join(", ", new[] { $"w={c.Value[widthIndex]}" }.Concat(varying.Select(i => $"{names[i]}={c.Value[i]}"))));
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        throw new InvalidOperationException($"Curve keys have no '{name}' column.");
    }
}
