using System.Text.Json.Serialization;

namespace SweepCluster.Sessions.Journals;

/// <summary>Which database holds a sweep's journal, as the folder's sweep.json records it.</summary>
public enum JournalKind
{
    [JsonStringEnumMemberName("sqlite")] Sqlite,
    [JsonStringEnumMemberName("postgresql")] PostgreSql,
}
