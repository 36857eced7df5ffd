using Npgsql;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core;

namespace SweepCluster.Sessions.Journals;

/// <summary>A journal in a PostgreSQL database, for clusters whose coordinator may move between machines; one database
/// may hold many sweeps. Akka.Persistence.Sql creates its tables on first use, so there is nothing to prepare. Locked
/// by a session advisory lock on the sweep's persistence id, held on a connection of its own.</summary>
internal sealed class PostgreSqlJournal : IJournalBackend
{
    public JournalSettings Settings { get; }

    private PostgreSqlJournal(string connectionString) =>
        Settings = JournalVariables.Applied(new JournalSettings("PostgreSQL", connectionString));

    /// <summary>The journal in the database <paramref name="connectionString"/> names, such as
    /// "Host=127.0.0.1;Port=5432;Database=sweeps;Username=sweeps".</summary>
    /// <exception cref="UserInputException">It is not a connection string, or names no host or database.</exception>
    public static PostgreSqlJournal Parse(string connectionString)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"--journal is not a PostgreSQL connection string ({e.Message}); write it as \"Host=127.0.0.1;Database=sweeps;Username=sweeps;Password=...\".");
        }
        if (string.IsNullOrWhiteSpace(parsed.Host) || string.IsNullOrWhiteSpace(parsed.Database))
            throw new UserInputException("--journal must name a Host and a Database, such as \"Host=127.0.0.1;Database=sweeps;Username=sweeps\".");
        return new PostgreSqlJournal(connectionString);
    }

    public JournalKind Kind => JournalKind.PostgreSql;

    public bool HoldsOneSweep => false;

    public string Describe()
    {
        var pg = new NpgsqlConnectionStringBuilder(Settings.ConnectionString);
        return $"PostgreSQL database {pg.Database} on {pg.Host}:{pg.Port}";
    }

    public void Prepare(bool mustExist) { }

    public async Task<bool> IsLockedElsewhereAsync(string persistenceId, CancellationToken cancellation)
    {
        try
        {
            // A shared advisory lock on the coordinator's key is granted unless a coordinator holds it; closing the
            // connection drops it at once.
            await using var connection = new NpgsqlConnection(Settings.ConnectionString);
            await connection.OpenAsync(cancellation);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock_shared(hashtextextended(@id, 0))", connection);
            command.Parameters.AddWithValue("id", persistenceId);
            return await command.ExecuteScalarAsync(cancellation) is not true;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw Unreachable(e);
        }
    }

    private JournalException Unreachable(Exception e) =>
        new($"the journal's {Describe()} cannot be reached ({e.Message.TrimEnd('.')}); check --journal and that the server runs.", e);

    public async Task<IAsyncDisposable> LockAsync(string persistenceId, CancellationToken cancellation)
    {
        var connection = new NpgsqlConnection(Settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellation);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@id, 0))", connection);
            command.Parameters.AddWithValue("id", persistenceId);
            // Closing the connection (disposing it) ends the session, which drops its advisory lock.
            if (await command.ExecuteScalarAsync(cancellation) is true) return connection;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw Unreachable(e);
        }
        await connection.DisposeAsync();
        throw JournalLock.HeldElsewhere(this);
    }
}
