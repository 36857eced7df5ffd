using SweepCluster.Cluster.Persistence;

namespace SweepCluster.Sessions.Journals;

/// <summary>One database that can hold a sweep's journal: everything the opener, the lock and the reader need to know
/// about it, so that none of them asks which database it is. <see cref="JournalBackends"/> picks one, once, from the
/// folder's sweep.json and the connection string the user gave; a new backend is a new implementation here and one
/// more arm there.</summary>
public interface IJournalBackend
{
    /// <summary>What the folder's sweep.json records, so that a resume picks the same backend.</summary>
    JournalKind Kind { get; }

    /// <summary>What Akka.Persistence.Sql takes (provider and connection string), handed down to the cluster.</summary>
    JournalSettings Settings { get; }

    /// <summary>True when the store belongs to one sweep folder alone (a file inside it): another sweep's events in it
    /// mean it is the wrong journal, not a shared database.</summary>
    bool HoldsOneSweep { get; }

    /// <summary>Where the journal is, for messages: the file, or database and server (never a password).</summary>
    string Describe();

    /// <summary>Checks the store before Akka.Persistence opens it, creating what a new sweep needs.</summary>
    /// <param name="mustExist">The sweep already exists, so its store must too.</param>
    /// <exception cref="JournalException">The store is missing or damaged; it was left as it is.</exception>
    void Prepare(bool mustExist);

    /// <summary>What Akka.Persistence.Sql takes to read the journal without writing to it (`status`): a finished
    /// sweep's store is left byte for byte as it was.</summary>
    JournalSettings ReadOnlySettings => Settings;

    /// <summary>Whether a coordinator writes the journal now: a shared lock is tried without waiting and dropped at
    /// once, so the writer that holds the exclusive lock is not disturbed (`status`).</summary>
    /// <exception cref="JournalException">The store cannot be reached.</exception>
    Task<bool> IsLockedElsewhereAsync(string persistenceId, CancellationToken cancellation);

    /// <summary>Makes this process the journal's only writer until the answer is disposed; the lock is dropped when
    /// the process dies, even by SIGKILL.</summary>
    /// <exception cref="JournalException">Another coordinator holds it, or the store cannot be reached.</exception>
    Task<IAsyncDisposable> LockAsync(string persistenceId, CancellationToken cancellation);
}
