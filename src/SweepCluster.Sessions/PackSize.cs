namespace SweepCluster.Sessions;

/// <summary>--pack-size: how many trials of one pack key (<see cref="Core.Grid.TrialPacking.Key"/>) a worker slot
/// trains at once. 1 runs one trial per slot at a time.</summary>
public static class PackSize
{
    /// <summary>The pack size when --pack-size is not given. Measured with the packing benchmark on one CPU slot: the
    /// quickstart grid ran 2.1x, 2.5x, 2.8x and 3.1x the trials per second of one at a time with packs of 4, 8, 16 and 32
    /// (its pack keys hold 18 trials), width-4 nets with 32 seeds 2.4x, 3.0x, 3.4x and 4.0x. A small sweep still spreads
    /// over every slot: a request takes at most its share of the pending trials (Core's PackCapacity).</summary>
    public const int Default = 32;

    /// <summary>The smallest pack size: one trial at a time.</summary>
    public const int Min = Core.Spec.SweepSpec.MinPackSize;

    /// <summary>The largest pack size accepted, as in a spec's pack_size.</summary>
    public const int Max = Core.Spec.SweepSpec.MaxPackSize;
}
