using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>Turns a <see cref="TrialResult"/> into flat CSV cells: nested objects joined with '_'
/// (config_training_learning_rate, bounds_b_paper_value), hidden layers as layer{l}_&lt;field&gt;.</summary>
/// <remarks>Column names come from the JSON contract of the types (<see cref="TrialJson.Options"/>), not from the
/// values of any result, so the header is the same whichever results are present, up to the number of layers.
/// Cell text comes from the JSON of the result itself, so the CSV and trials.jsonl never disagree.</remarks>
internal static class TrialCsvFlattener
{
    private const string LayersProperty = "layers";
    private const string LayerIndexProperty = "layer";

    private static readonly Lazy<Schema> _schema = new(BuildSchema);

    // A copy, so reading its contract never freezes (or races with) the shared options; the default reflection
    // resolver is filled in only where TrialJson.Options names none, exactly as the serializer itself would.
    private static readonly Lazy<JsonSerializerOptions> _contract = new(() =>
    {
        var options = new JsonSerializerOptions(TrialJson.Options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    });

    /// <summary>The header for results with at most <paramref name="maxLayers"/> hidden layers.</summary>
    public static IReadOnlyList<string> Header(int maxLayers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLayers);
        var schema = _schema.Value;
        var header = new List<string>(schema.Before.Count + maxLayers * schema.Layer.Count + schema.After.Count);
        header.AddRange(schema.Before.Select(c => c.Name));
        for (var l = 1; l <= maxLayers; l++)
            header.AddRange(schema.Layer.Select(c => LayerColumn(l, c.Name)));
        header.AddRange(schema.After.Select(c => c.Name));
        return header;
    }

    /// <summary>The header for a set of results: layer columns up to the deepest of them.</summary>
    public static IReadOnlyList<string> Header(IEnumerable<TrialResult> results) => Header(MaxLayers(results));

    /// <summary>The deepest trial among <paramref name="results"/>: its measured layers, or its configured depth
    /// when it failed before measuring any.</summary>
    public static int MaxLayers(IEnumerable<TrialResult> results) =>
        results.Select(r => Math.Max(r.Layers.Count, r.Config.Depth)).DefaultIfEmpty(0).Max();

    /// <summary>Every non-blank cell of <paramref name="result"/>, by column name.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var schema = _schema.Value;
        using var document = JsonSerializer.SerializeToDocument(result, TrialJson.Options);
        var root = document.RootElement;
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var column in schema.Before.Concat(schema.After))
            AddCell(cells, column.Name, Find(root, column.Path));

        if (root.TryGetProperty(LayersProperty, out var layers) && layers.ValueKind == JsonValueKind.Array)
        {
            var position = 0;
            foreach (var layer in layers.EnumerateArray())
            {
                position++;
                // The layer's own 1-based index when present; its position otherwise.
                var index = layer.TryGetProperty(LayerIndexProperty, out var l) && l.TryGetInt32(out var li) ? li : position;
                foreach (var column in schema.Layer)
                    AddCell(cells, LayerColumn(index, column.Name), Find(layer, column.Path));
            }
        }
        return cells;
    }

    /// <summary>The cells of <paramref name="result"/> in <paramref name="header"/> order; blank where it has none.</summary>
    public static string[] Row(TrialResult result, IReadOnlyList<string> header)
    {
        var cells = Flatten(result);
        var row = new string[header.Count];
        for (var i = 0; i < header.Count; i++)
            row[i] = cells.TryGetValue(header[i], out var cell) ? cell : "";
        return row;
    }

    private static string LayerColumn(int layer, string field) => $"layer{layer}_{field}";

    private static void AddCell(Dictionary<string, string> cells, string name, JsonElement? value)
    {
        if (value is { } v && Cell(v) is { } text) cells[name] = text;
    }

    private static JsonElement? Find(JsonElement element, IReadOnlyList<string> path)
    {
        foreach (var segment in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
                return null;
        }
        return element;
    }

    private static string? Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        // The raw JSON number is already the shortest round-trip form, culture-free.
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        // Lists of scalars (e.g. a dataset's class subset) share one cell.
        JsonValueKind.Array => string.Join(";", value.EnumerateArray().Select(e => Cell(e) ?? "")),
        _ => value.GetRawText(),
    };

    private static Schema BuildSchema()
    {
        var before = new List<Column>();
        var layer = new List<Column>();
        var after = new List<Column>();
        var seenLayers = false;
        var options = _contract.Value;
        foreach (var property in options.GetTypeInfo(typeof(TrialResult)).Properties)
        {
            if (property.Name == LayersProperty)
            {
                seenLayers = true;
                Collect(options.GetTypeInfo(typeof(LayerInformation)), [], layer);
                // The index is the column prefix already; a layer{l}_layer column would only repeat it.
                layer.RemoveAll(c => c.Name == LayerIndexProperty);
                continue;
            }
            Collect(property, [], seenLayers ? after : before);
        }
        return new Schema(before, layer, after);
    }

    private static void Collect(JsonTypeInfo type, IReadOnlyList<string> prefix, List<Column> into)
    {
        foreach (var property in type.Properties)
            Collect(property, prefix, into);
    }

    private static void Collect(JsonPropertyInfo property, IReadOnlyList<string> prefix, List<Column> into)
    {
        var path = prefix.Append(property.Name).ToArray();
        var type = property.Options.GetTypeInfo(property.PropertyType);
        if (type.Kind == JsonTypeInfoKind.Object)
            Collect(type, path, into);
        else
            into.Add(new Column(string.Join("_", path), path));
    }

    private sealed record Column(string Name, IReadOnlyList<string> Path);

    private sealed record Schema(IReadOnlyList<Column> Before, IReadOnlyList<Column> Layer, IReadOnlyList<Column> After);
}
