namespace SweepCluster.Cluster.Persistence;

/// <summary>Where the coordinator's journal and snapshots live, as Akka.Persistence.Sql takes it: linq2db's provider
/// name ("SQLite.MS", "PostgreSQL") and the connection string. Which database that is, and everything else about it
/// (checking, locking, describing), is decided by the session layer's journal backend; this assembly only hands the
/// pair to Akka.Persistence.Sql.</summary>
public sealed record JournalSettings(string ProviderName, string ConnectionString)
{
    /// <summary>Long enough for one journal request (a write of 1,000 planned trials, a snapshot, a recovery step, a
    /// query's turn) on a 2-core machine at load 40, where Akka's own defaults (3-20 s) ran out and a healthy sweep was
    /// reported as failed; a request still waiting after this is stuck, not slow.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long one journal request may take before the command gives up with "the machine was too busy"
    /// (see <see cref="JournalDeadlines"/> for every deadline it sets).</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>A database restart or a network blip takes seconds; a minute rides those out without a sweep that waits
    /// long on a database that is really gone.</summary>
    public static readonly TimeSpan DefaultOutageWindow = TimeSpan.FromMinutes(1);

    /// <summary>How long the database may stay unreachable mid-sweep while the sweep waits for it, paused; longer, and
    /// the sweep stops (the coordinator's <c>JournalOutageWindow</c>).</summary>
    public TimeSpan OutageWindow { get; init; } = DefaultOutageWindow;
}
