namespace SweepCluster.Cluster.Workers;

/// <summary>One worker slot: the device its trials run on ("cpu" or "cuda:N") and its torch thread count.</summary>
public sealed record WorkerSlot(string Device, int Threads);
