using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace SweepCluster.Integration.Tests.Chaos;

/// <summary>One event of a sweep's SQLite journal: its kind (the serializer's manifest, e.g. "trial-released"), when
/// the journal took it, and its JSON body.</summary>
internal sealed record JournalEvent(string Kind, DateTime At, JsonObject Body)
{
    public string Trial => Body["trial_id"]!.GetValue<string>();
    public string? Worker => Body["worker_id"]?.GetValue<string>();

    /// <summary>Every event of the journal in DIR/journal.db, in the order written. Read once the sweep has ended.</summary>
    public static IReadOnlyList<JournalEvent> ReadAll(string journalDb)
    {
        using var connection = new SqliteConnection($"Data Source={journalDb};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest, created, message FROM journal ORDER BY ordering";
        using var reader = command.ExecuteReader();
        var events = new List<JournalEvent>();
        while (reader.Read())
        {
            var body = JsonNode.Parse((byte[])reader["message"]) as JsonObject;
            if (body is null || reader.IsDBNull(0)) continue;
            // "created" holds UTC ticks.
            events.Add(new JournalEvent(reader.GetString(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc), body));
        }
        return events;
    }
}
