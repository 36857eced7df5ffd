namespace SweepCluster.Cluster.Persistence;

/// <summary>Where the coordinator's journal and snapshots live, as Akka.Persistence.Sql takes it: linq2db's provider
/// name ("SQLite.MS", "PostgreSQL") and the connection string. Which database that is, and everything else about it
/// (checking, locking, describing), is decided by the session layer's journal backend; this assembly only hands the
/// pair to Akka.Persistence.Sql.</summary>
public sealed record JournalSettings(string ProviderName, string ConnectionString);
