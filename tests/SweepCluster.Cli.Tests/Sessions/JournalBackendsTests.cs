using SweepCluster.Core;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Cli.Tests.Sessions;

/// <summary>The one choice of journal backend: no connection string is the folder's SQLite file, a connection string a
/// PostgreSQL database; an existing folder's recorded kind must fit what is given. Each backend names itself.</summary>
public sealed class JournalBackendsTests
{
    private const string Connection = "Host=db.example;Port=5433;Database=sweeps;Username=sweeps;Password=secret";
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), "journal-backends");

    [Fact]
    public void Without_a_connection_string_a_new_sweep_keeps_its_journal_in_the_folders_sqlite_file()
    {
        var journal = Assert.IsType<SqliteJournal>(JournalBackends.ForNewSweep(Dir, null));
        string file = Path.Combine(Path.GetFullPath(Dir), "journal.db");
        Assert.Equal(JournalKind.Sqlite, journal.Kind);
        Assert.Equal(file, journal.Describe());
        Assert.Equal(file, journal.File);
        Assert.Equal("SQLite.MS", journal.Settings.ProviderName);
        Assert.Equal($"Data Source={file}", journal.Settings.ConnectionString);
        Assert.True(journal.HoldsOneSweep);
    }

    [Fact]
    public void A_connection_string_puts_a_new_sweeps_journal_in_postgresql_and_its_description_keeps_the_password_out()
    {
        var journal = Assert.IsType<PostgreSqlJournal>(JournalBackends.ForNewSweep(Dir, Connection));
        Assert.Equal(JournalKind.PostgreSql, journal.Kind);
        Assert.Equal("PostgreSQL database sweeps on db.example:5433", journal.Describe());
        Assert.Equal("PostgreSQL", journal.Settings.ProviderName);
        Assert.Equal(Connection, journal.Settings.ConnectionString);
        Assert.False(journal.HoldsOneSweep);
    }

    [Fact]
    public void An_existing_folder_gets_the_backend_its_sweep_json_records()
    {
        Assert.IsType<SqliteJournal>(JournalBackends.ForFolder(Dir, JournalKind.Sqlite, null));
        Assert.IsType<PostgreSqlJournal>(JournalBackends.ForFolder(Dir, JournalKind.PostgreSql, Connection));
    }

    [Fact]
    public void A_connection_string_that_does_not_fit_the_folders_journal_is_refused_in_one_sentence()
    {
        string dir = Path.GetFullPath(Dir);
        Assert.Equal($"{dir} keeps its journal in journal.db; drop --journal (and SWEEPCLUSTER_JOURNAL) to resume it.",
            Assert.Throws<UserInputException>(() => JournalBackends.ForFolder(dir, JournalKind.Sqlite, Connection)).Message);
        Assert.Equal($"{dir} keeps its journal in PostgreSQL; give its connection string with --journal \"Host=...;Database=...\" or SWEEPCLUSTER_JOURNAL.",
            Assert.Throws<UserInputException>(() => JournalBackends.ForFolder(dir, JournalKind.PostgreSql, null)).Message);
        Assert.Contains("names journal kind 7, which this version does not know",
            Assert.Throws<UserInputException>(() => JournalBackends.ForFolder(dir, (JournalKind)7, null)).Message);
    }

    [Fact]
    public void A_connection_string_without_host_or_database_is_refused()
    {
        Assert.Equal("--journal must name a Host and a Database, such as \"Host=127.0.0.1;Database=sweeps;Username=sweeps\".",
            Assert.Throws<UserInputException>(() => JournalBackends.ForNewSweep(Dir, "Host=db.example")).Message);
        Assert.StartsWith("--journal is not a PostgreSQL connection string (",
            Assert.Throws<UserInputException>(() => JournalBackends.ForNewSweep(Dir, "no-equals-sign")).Message);
    }
}
