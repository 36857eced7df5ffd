using Npgsql;
using SweepCluster.Cluster.Persistence;

namespace SweepCluster.Sessions;

/// <summary>Makes the coordinator the journal's only writer for as long as it runs. SQLite: an exclusive lock on a
/// file beside the journal. PostgreSQL: a session advisory lock on the sweep's persistence id, held on a connection
/// of its own. The operating system or the server drops either when the process dies, even by SIGKILL, so a
/// crashed coordinator never blocks its own resume.</summary>
public sealed class JournalLock : IAsyncDisposable
{
    private readonly FileStream? _file;
    private readonly NpgsqlConnection? _connection;

    private JournalLock(FileStream? file, NpgsqlConnection? connection)
    {
        _file = file;
        _connection = connection;
    }

    /// <exception cref="JournalException">Another coordinator holds it, or the database cannot be reached.</exception>
    public static async Task<JournalLock> AcquireAsync(JournalSettings journal, string persistenceId, CancellationToken cancellation)
    {
        if (journal.SqliteFile is { } file) return new JournalLock(LockFile(file + ".lock", journal), null);

        var connection = new NpgsqlConnection(journal.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellation);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@id, 0))", connection);
            command.Parameters.AddWithValue("id", persistenceId);
            if (await command.ExecuteScalarAsync(cancellation) is true) return new JournalLock(null, connection);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new JournalException($"the journal's {journal.Describe()} cannot be reached ({e.Message.TrimEnd('.')}); check --journal and that the server runs.", e);
        }
        await connection.DisposeAsync();
        throw HeldElsewhere(journal);
    }

    private static FileStream LockFile(string path, JournalSettings journal)
    {
        try
        {
            // FileShare.None takes an exclusive flock on Unix; a second process (or a second open here) is refused.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw HeldElsewhere(journal, e);
        }
    }

    private static JournalException HeldElsewhere(JournalSettings journal, Exception? inner = null) =>
        new($"another coordinator is writing this sweep's journal ({journal.Describe()}); two writers would corrupt it, so stop that one first or wait for it to finish.", inner);

    public async ValueTask DisposeAsync()
    {
        if (_file is not null) await _file.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync(); // closing the session drops its advisory lock
    }
}
