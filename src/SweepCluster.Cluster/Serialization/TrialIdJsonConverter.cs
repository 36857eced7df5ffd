using System.Text.Json;
using System.Text.Json.Serialization;
using SweepCluster.Core.Grid;

namespace SweepCluster.Cluster.Serialization;

/// <summary>Writes a <see cref="TrialId"/> as its bare string, as trials.jsonl does.</summary>
internal sealed class TrialIdJsonConverter : JsonConverter<TrialId>
{
    public override TrialId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A trial id must be a string."));

    public override void Write(Utf8JsonWriter writer, TrialId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
