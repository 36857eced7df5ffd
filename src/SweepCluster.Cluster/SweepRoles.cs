namespace SweepCluster.Cluster;

/// <summary>Cluster role names: the coordinator singleton runs only on nodes with <see cref="Coordinator"/>.</summary>
public static class SweepRoles
{
    public const string Coordinator = "coordinator";
    public const string Worker = "worker";
}
