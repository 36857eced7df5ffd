using System.Text.Json;
using System.Text.Json.Serialization;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Sweep;

/// <summary>Writes a <see cref="SnapshotTrial"/> as one flat object, "i", "c", then each per-point axis under its
/// <see cref="AxisDefinition.SnapshotName"/> (a real axis at zero left out), then "s", "p", "a", "wk", "at", "lf"
/// (the last four left out at their defaults): the same bytes the row's earlier field-per-axis form wrote, so
/// snapshots stored by earlier builds still read.</summary>
internal sealed class SnapshotTrialJsonConverter : JsonConverter<SnapshotTrial>
{
    public override void Write(Utf8JsonWriter writer, SnapshotTrial row, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("i", row.Id.Value);
        writer.WriteNumber("c", row.Template);
        for (int i = 0; i < GridAxes.PerPoint.Count; i++)
        {
            var axis = GridAxes.PerPoint[i];
            double value = row.Point[i];
            if (axis.Kind == AxisKind.Whole) writer.WriteNumber(axis.SnapshotName!, (int)value);
            else if (value != 0) writer.WriteNumber(axis.SnapshotName!, value);
        }
        writer.WriteNumber("s", row.Seed);
        writer.WritePropertyName("p");
        JsonSerializer.Serialize(writer, row.Phase, options);
        if (row.Attempts != 0) writer.WriteNumber("a", row.Attempts);
        if (row.Worker is { } worker) writer.WriteString("wk", worker);
        if (row.AssignedAt is { } at)
        {
            writer.WritePropertyName("at");
            JsonSerializer.Serialize(writer, at, options);
        }
        if (row.LastFailure is { } failure) writer.WriteString("lf", failure);
        writer.WriteEndObject();
    }

    public override SnapshotTrial Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A snapshot row must be an object.");
        // A row always names its whole axes; a real axis it leaves out is zero.
        var point = new double[GridAxes.PerPoint.Count];
        string? id = null;
        int template = 0, seed = 0, attempts = 0;
        TrialPhase phase = default;
        string? worker = null, failure = null;
        DateTimeOffset? assignedAt = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "i": id = reader.GetString(); break;
                case "c": template = reader.GetInt32(); break;
                case "s": seed = reader.GetInt32(); break;
                case "p": phase = JsonSerializer.Deserialize<TrialPhase>(ref reader, options); break;
                case "a": attempts = reader.GetInt32(); break;
                case "wk": worker = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                case "at": assignedAt = JsonSerializer.Deserialize<DateTimeOffset?>(ref reader, options); break;
                case "lf": failure = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                default:
                    int index = IndexOf(name);
                    if (index < 0) reader.Skip();
                    else point[index] = reader.GetDouble();
                    break;
            }
        }
        return new SnapshotTrial
        {
            Id = new TrialId(id ?? throw new JsonException("A snapshot row has no trial id ('i').")),
            Template = template, Point = point, Seed = seed, Phase = phase, Attempts = attempts, Worker = worker,
            AssignedAt = assignedAt, LastFailure = failure,
        };
    }

    private static int IndexOf(string snapshotName)
    {
        for (int i = 0; i < GridAxes.PerPoint.Count; i++)
            if (GridAxes.PerPoint[i].SnapshotName == snapshotName) return i;
        return -1;
    }
}
