using System.Text.Json;
using System.Text.Json.Serialization;

namespace SweepCluster.Core.Results;

/// <summary>Writes a <see cref="CurveJsonRow"/> as one flat object: the key's columns by axis name
/// (<see cref="CurveKey.ColumnNames"/>), then depth, n_seeds, n_failed and quantities. The key is flattened here, not
/// nested, so curves.json keeps the shape it had when the row listed the key's fields itself.</summary>
internal sealed class CurveJsonRowConverter : JsonConverter<CurveJsonRow>
{
    public override void Write(Utf8JsonWriter writer, CurveJsonRow row, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in CurveKey.ColumnNames.Zip(row.Key.Values()))
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
        }
        writer.WriteNumber("depth", row.Depth);
        writer.WriteNumber("n_seeds", row.NSeeds);
        writer.WriteNumber("n_failed", row.NFailed);
        writer.WritePropertyName("quantities");
        JsonSerializer.Serialize(writer, row.Quantities, options);
        writer.WriteEndObject();
    }

    public override CurveJsonRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var row = JsonElement.ParseValue(ref reader);
        var values = CurveKey.ColumnNames.Zip(CurveKey.ColumnTypes, (name, type) =>
            row.GetProperty(name).Deserialize(type, options)!);
        return new CurveJsonRow(
            CurveKey.FromValues(values),
            row.GetProperty("depth").GetInt32(),
            row.GetProperty("n_seeds").GetInt32(),
            row.GetProperty("n_failed").GetInt32(),
            row.GetProperty("quantities").Deserialize<Dictionary<string, CurveJsonQuantity>>(options)!);
    }
}
