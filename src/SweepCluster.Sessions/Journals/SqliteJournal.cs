using Microsoft.Data.Sqlite;
using SweepCluster.Cluster.Persistence;

namespace SweepCluster.Sessions.Journals;

/// <summary>The default journal: the SQLite file DIR/journal.db inside the sweep's folder, so the folder alone resumes
/// it. Checked before Akka.Persistence opens it, so that a damaged or foreign file is reported in one sentence and left
/// untouched; a new one is put in WAL mode (one fsync per commit instead of two). Locked by an exclusive lock on
/// DIR/journal.db.lock.</summary>
public sealed class SqliteJournal : IJournalBackend
{
    public const string FileName = "journal.db";

    /// <summary>The journal file, a full path.</summary>
    public string File { get; }

    public JournalSettings Settings { get; }

    private SqliteJournal(string file)
    {
        File = file;
        Settings = JournalVariables.Applied(new JournalSettings("SQLite.MS", new SqliteConnectionStringBuilder { DataSource = file }.ToString()));
    }

    /// <summary>DIR/journal.db.</summary>
    public static SqliteJournal In(string folder) => new(Path.Combine(Path.GetFullPath(folder), FileName));

    public JournalKind Kind => JournalKind.Sqlite;

    public bool HoldsOneSweep => true;

    public string Describe() => File;

    public void Prepare(bool mustExist)
    {
        if (!System.IO.File.Exists(File))
        {
            if (mustExist)
                throw new JournalException($"{File} is missing, so the sweep cannot be resumed; restore it from a backup, or start a new sweep in another folder with run SPEC --force-new.");
            Execute(File, "PRAGMA journal_mode=WAL;", SqliteOpenMode.ReadWriteCreate);
            return;
        }
        string check;
        try
        {
            check = Execute(File, "PRAGMA quick_check;", SqliteOpenMode.ReadWrite);
        }
        catch (SqliteException e)
        {
            throw Damaged(File, e.Message, e);
        }
        if (check != "ok") throw Damaged(File, check, null);
        Execute(File, "PRAGMA journal_mode=WAL;", SqliteOpenMode.ReadWrite);
    }

    /// <summary>Read-only. While a WAL file is there (a writer is open, or one was killed before its checkpoint), SQLite
    /// reads through it; without one the file is opened immutable, since even a read-only open of a WAL database would
    /// otherwise leave new -wal and -shm files beside it.</summary>
    public JournalSettings ReadOnlySettings => Settings with
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.File.Exists(File + "-wal") ? File : $"file:{File}?immutable=1",
            Mode = SqliteOpenMode.ReadOnly,
        }.ToString(),
    };

    /// <summary>Whether Akka.Persistence.Sql has created its journal table yet (a sweep in its first second has a file
    /// without it), asked read-only.</summary>
    /// <exception cref="JournalException">The file is not a SQLite database.</exception>
    public bool HasJournalTable()
    {
        try
        {
            using var connection = new SqliteConnection(ReadOnlySettings.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        catch (SqliteException e)
        {
            throw Damaged(File, e.Message, e);
        }
    }

    public Task<bool> IsLockedElsewhereAsync(string persistenceId, CancellationToken cancellation)
    {
        string path = File + ".lock";
        try
        {
            // Read access with sharing takes a shared flock, refused while a coordinator holds the exclusive one; the file
            // is neither created nor written.
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return Task.FromResult(false);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult(false);
        }
        catch (IOException)
        {
            return Task.FromResult(true);
        }
    }

    public Task<IAsyncDisposable> LockAsync(string persistenceId, CancellationToken cancellation)
    {
        string path = File + ".lock";
        try
        {
            // FileShare.None takes an exclusive flock on Unix; a second process (or a second open here) is refused.
            return Task.FromResult<IAsyncDisposable>(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (System.IO.File.Exists(path))
        {
            throw JournalLock.HeldElsewhere(this, e);
        }
    }

    private static JournalException Damaged(string file, string detail, Exception? inner) =>
        new($"{file} is not a readable sweep journal ({detail.TrimEnd('.')}); it was left as it is: restore it from a backup, or start a new sweep in another folder with run SPEC --force-new.", inner);

    private static string Execute(string file, string sql, SqliteOpenMode mode)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();
        using var db = new SqliteConnection(connection);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
