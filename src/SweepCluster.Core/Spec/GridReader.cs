using YamlDotNet.RepresentationModel;

namespace SweepCluster.Core.Spec;

/// <summary>Reads the grid: each axis a list of values or one scalar (a one-value axis), in canonical axis order.</summary>
internal static class GridReader
{
    public static IReadOnlyList<GridAxis> Read(
        YamlMappingNode grid, SpecErrors errors, IReadOnlyDictionary<string, (string Field, YamlNode Node)> givenSettings)
    {
        var entries = SpecLoader.Entries(grid, "grid", AxisNames.All, errors);
        foreach (string required in new[] { AxisNames.Depth, AxisNames.Width })
            if (!entries.ContainsKey(required))
                throw errors.At(grid, "grid", $"has no '{required}' axis; add for example '{required}: [1, 2, 4]'.");

        var axes = new List<GridAxis>();
        foreach (string axis in AxisNames.All)
        {
            if (!entries.TryGetValue(axis, out var node)) continue;
            if (givenSettings.TryGetValue(axis, out var given))
                throw errors.At(node, $"grid.{axis}",
                    $"repeats the setting {given.Field} (line {given.Node.Start.Line}); give it in one place only.");
            axes.Add(new GridAxis(axis, Values(axis, node, errors)));
        }
        return axes;
    }

    private static IReadOnlyList<AxisValue> Values(string axis, YamlNode node, SpecErrors errors)
    {
        IEnumerable<YamlNode> items = node switch
        {
            YamlSequenceNode sequence => sequence.Children,
            YamlScalarNode => [node],
            _ => throw errors.At(node, $"grid.{axis}", "must be a value or a list of values such as [1, 2, 4]."),
        };
        var values = new List<AxisValue>();
        var seen = new HashSet<AxisValue>(); // a list's Contains would make a long axis quadratic
        foreach (var item in items)
        {
            if (values.Count == GridSize.MaxAxisValues)
                throw errors.At(item, $"grid.{axis}", $"lists more than {GridSize.MaxAxisValues} values, the limit per axis; list fewer values.");
            if (item is not YamlScalarNode { Value: { } text })
                throw errors.At(item, $"grid.{axis}", "must hold plain values, not nested lists or mappings.");
            var (value, problem) = AxisRules.Parse(axis, text);
            if (value is null) throw errors.At(item, $"grid.{axis}", $"{problem}; fix that value.");
            if (!seen.Add(value.Value))
                throw errors.At(item, $"grid.{axis}", $"lists {text} twice; list each value once.");
            values.Add(value.Value);
        }
        if (values.Count == 0) throw errors.At(node, $"grid.{axis}", "is an empty list; give at least one value.");
        return values;
    }
}
