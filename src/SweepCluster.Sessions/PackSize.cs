namespace SweepCluster.Sessions;

/// <summary>--pack-size: how many trials of one pack key (<see cref="Core.Grid.TrialPacking.Key"/>) a worker slot
/// trains at once. 1 runs one trial per slot at a time.</summary>
public static class PackSize
{
    /// <summary>The pack size when --pack-size is not given; to be tuned by measurement of the batched runner.</summary>
    public const int Default = 8;

    /// <summary>The largest pack size accepted, as in a spec's pack_size.</summary>
    public const int Max = Core.Spec.SweepSpec.MaxPackSize;
}
