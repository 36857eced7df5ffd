namespace SweepCluster.Core.Spec;

/// <summary>Short descriptions of a spec's size for messages.</summary>
public static class SpecDescription
{
    /// <summary>"depth x 6, width x 2, act_noise x 4, 3 seeds": the axes with more than one value, and the seeds.</summary>
    public static string VaryingAxes(SweepSpec spec)
    {
        var parts = spec.Grid.Where(a => a.Values.Count > 1).Select(a => $"{a.Name} x {a.Values.Count}").ToList();
        parts.Add(spec.Seeds.Count == 1 ? "1 seed" : $"{spec.Seeds.Count} seeds");
        return string.Join(", ", parts);
    }

    public static long TrialCount(SweepSpec spec) =>
        spec.Grid.Aggregate(1L, (count, axis) => count * axis.Values.Count) * spec.Seeds.Count;
}
