namespace SweepCluster.Cluster.Persistence;

/// <summary>A journal request that did not complete within <see cref="JournalSettings.RequestTimeout"/>: the machine
/// was too busy; the journal is whole, so the command line says to run the same command again (exit code 4).</summary>
public sealed class JournalTimeoutException(string message, Exception? inner = null) : TimeoutException(message, inner);
