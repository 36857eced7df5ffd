namespace SweepCluster.Cluster.Coordinator;

/// <summary>The coordinator's periodic tick to give back attempts whose lease ran out. Local only.</summary>
internal sealed record CheckLeases
{
    public static readonly CheckLeases Instance = new();
}

/// <summary>The coordinator's periodic tick to say when trials wait with no worker slot connected. Local only.</summary>
internal sealed record CheckWorkers
{
    public static readonly CheckWorkers Instance = new();
}
