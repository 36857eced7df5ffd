using SweepCluster.Cluster.Persistence;

namespace SweepCluster.Sessions.Journals;

/// <summary>Makes the coordinator the journal's only writer for as long as it runs, by the backend's own means (see
/// <see cref="IJournalBackend.LockAsync"/>). The operating system or the server drops the lock when the process dies,
/// even by SIGKILL, so a crashed coordinator never blocks its own resume.</summary>
public sealed class JournalLock : IAsyncDisposable
{
    private readonly IAsyncDisposable _held;

    private JournalLock(IAsyncDisposable held) => _held = held;

    /// <exception cref="JournalException">Another coordinator holds it, or the database cannot be reached.</exception>
    public static async Task<JournalLock> AcquireAsync(IJournalBackend journal, string persistenceId, CancellationToken cancellation) =>
        new(await journal.LockAsync(persistenceId, cancellation));

    /// <summary>The one sentence for a journal another coordinator writes, whatever holds it.</summary>
    internal static JournalException HeldElsewhere(IJournalBackend journal, Exception? inner = null) =>
        new($"another coordinator is writing this sweep's journal ({journal.Describe()}); two writers would corrupt it, so stop that one first or wait for it to finish.", inner);

    public ValueTask DisposeAsync() => _held.DisposeAsync();
}
