using System.Text.Json;
using System.Text.Json.Serialization;

namespace SweepCluster.Core.Grid;

/// <summary>A trial's stable identity: a hash of its canonical configuration and seed. In JSON it is the bare
/// string ("t-43071216333eb172"), in trials.jsonl as in the journal.</summary>
[JsonConverter(typeof(TrialIdJsonConverter))]
public readonly record struct TrialId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Writes a <see cref="TrialId"/> as its bare string, as a value and as a dictionary key.</summary>
internal sealed class TrialIdJsonConverter : JsonConverter<TrialId>
{
    public override TrialId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A trial id must be a string."));

    public override void Write(Utf8JsonWriter writer, TrialId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override TrialId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A trial id must be a string."));

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TrialId value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
