using SweepCluster.Core;

namespace SweepCluster.Sessions.Journals;

/// <summary>The one place that decides which <see cref="IJournalBackend"/> holds a sweep's journal: from the
/// connection string the user gave (the --journal flag, else SWEEPCLUSTER_JOURNAL) for a new sweep, checked against
/// what the folder's sweep.json records for an existing one. Everything after asks the backend, never the kind.</summary>
internal static class JournalBackends
{
    /// <summary>The journal of a new sweep in <paramref name="dir"/>: a connection string names a PostgreSQL database;
    /// none, the folder's SQLite file.</summary>
    /// <exception cref="UserInputException">The connection string is not one.</exception>
    public static IJournalBackend ForNewSweep(string dir, string? connection) =>
        Select(dir, connection is null ? JournalKind.Sqlite : JournalKind.PostgreSql, connection);

    /// <summary>The journal of the existing sweep in <paramref name="dir"/>, whose sweep.json records
    /// <paramref name="recorded"/>: its SQLite file, or the PostgreSQL connection the user gave.</summary>
    /// <exception cref="UserInputException">The connection string does not fit the recorded kind, or is not one.</exception>
    public static IJournalBackend ForFolder(string dir, JournalKind recorded, string? connection) =>
        Select(dir, recorded, connection);

    private static IJournalBackend Select(string dir, JournalKind kind, string? connection) => (kind, connection) switch
    {
        (JournalKind.Sqlite, null) => SqliteJournal.In(dir),
        (JournalKind.Sqlite, _) => throw new UserInputException(
            $"{dir} keeps its journal in {SqliteJournal.FileName}; drop --journal (and {SweepOpener.JournalVariable}) to resume it."),
        (JournalKind.PostgreSql, null) => throw new UserInputException(
            $"{dir} keeps its journal in PostgreSQL; give its connection string with --journal \"Host=...;Database=...\" or {SweepOpener.JournalVariable}."),
        (JournalKind.PostgreSql, { } given) => PostgreSqlJournal.Parse(given),
        _ => throw new UserInputException($"{SweepFolder.PathIn(dir)} names journal kind {kind}, which this version does not know."),
    };
}
