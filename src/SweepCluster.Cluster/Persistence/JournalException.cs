namespace SweepCluster.Cluster.Persistence;

/// <summary>A sweep's journal cannot be used as it is: damaged, another sweep's or another version's, unreachable,
/// held by another coordinator, or failing mid-sweep. The message is one sentence that says where the journal is
/// and what to do; the journal itself is never changed or overwritten because of it.</summary>
public sealed class JournalException(string message, Exception? inner = null) : Exception(message, inner);
