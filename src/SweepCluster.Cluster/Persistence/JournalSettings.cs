using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SweepCluster.Cluster.Persistence;

/// <summary>Which database holds a sweep's journal.</summary>
public enum JournalKind
{
    [JsonStringEnumMemberName("sqlite")] Sqlite,
    [JsonStringEnumMemberName("postgresql")] PostgreSql,
}

/// <summary>Where the coordinator's journal and snapshots live: by default a SQLite file in the sweep's folder (so the
/// folder alone resumes it), or a PostgreSQL database for clusters whose coordinator may move between machines.</summary>
public sealed record JournalSettings(JournalKind Kind, string ConnectionString)
{
    public const string SqliteFileName = "journal.db";

    /// <summary>DIR/journal.db.</summary>
    public static JournalSettings SqliteIn(string folder) => new(
        JournalKind.Sqlite,
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetFullPath(folder), SqliteFileName) }.ToString());

    /// <summary>A PostgreSQL connection string such as "Host=127.0.0.1;Port=5432;Database=sweeps;Username=sweeps",
    /// already checked by the session that was given it.</summary>
    public static JournalSettings PostgreSql(string connectionString) => new(JournalKind.PostgreSql, connectionString);

    /// <summary>linq2db's provider name, as Akka.Persistence.Sql takes it.</summary>
    public string ProviderName => Kind == JournalKind.Sqlite ? "SQLite.MS" : "PostgreSQL";

    /// <summary>The SQLite file, for a SQLite journal.</summary>
    public string? SqliteFile => Kind == JournalKind.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>Where the journal is, for messages: the file, or database and server (never the password).</summary>
    public string Describe()
    {
        if (SqliteFile is { } file) return file;
        var pg = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database {pg.Database} on {pg.Host}:{pg.Port}";
    }
}
