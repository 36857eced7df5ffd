namespace SweepCluster.Core.Information;

/// <summary>How the KSG estimator finds neighbours; tests force either path to check that they agree.</summary>
internal enum NeighbourSearch
{
    /// <summary>A k-d tree up to <see cref="KsgEstimator.MaxTreeDimensions"/> joint dimensions, brute force above.</summary>
    Auto,
    KdTree,
    BruteForce,
}
