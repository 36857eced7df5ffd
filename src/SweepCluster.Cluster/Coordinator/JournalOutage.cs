namespace SweepCluster.Cluster.Coordinator;

/// <summary>How long the journal's database has been unreachable, shared by every incarnation of this node's coordinator:
/// Akka stops a persistent actor whose write or recovery failed, its backoff supervisor starts it again, and the new
/// incarnation recovers from the journal once the database answers. Only an outage that outlasts
/// <see cref="Window"/> stops the sweep.</summary>
public sealed class JournalOutage(TimeSpan window, TimeProvider clock, Action<TimeSpan?>? observer)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _since;

    public TimeSpan Window => window;

    /// <summary>A request failed because the database could not be reached: how long it has been so, from the first
    /// such failure of this outage.</summary>
    public TimeSpan Failed()
    {
        TimeSpan lasted;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            _since ??= now;
            lasted = now - _since.Value;
        }
        observer?.Invoke(lasted);
        return lasted;
    }

    /// <summary>The journal answered: how long the outage it ends lasted, or null when there was none.</summary>
    public TimeSpan? Ended()
    {
        TimeSpan? lasted;
        lock (_lock)
        {
            lasted = clock.GetUtcNow() - _since;
            _since = null;
        }
        if (lasted is not null) observer?.Invoke(null);
        return lasted;
    }
}
