namespace SweepCluster.Core.Sweep;

/// <summary>How many trials one request for a pack may take: what the slot can train at once, capped by the spec's
/// pack_size and by a fair share of the pending trials among the slots the coordinator knows of (those that asked, and
/// the siblings their nodes announced), so that a small sweep (or a sweep's tail) is spread over every slot instead of
/// packed onto the first one that asks.</summary>
public static class PackCapacity
{
    public static int For(int requested, int? specCap, int pending, int slots)
    {
        int share = (int)Math.Ceiling(pending / (double)Math.Max(1, slots));
        return Math.Max(1, Math.Min(Math.Min(requested, specCap ?? int.MaxValue), share));
    }
}
