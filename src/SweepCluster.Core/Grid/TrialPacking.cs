using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Grid;

/// <summary>Which trials may train together as one batched network (a pack): those whose configurations are equal but
/// for the seed, the axes that may vary in a pack (<see cref="AxisDefinition.VariesInPack"/>: the noise levels) and
/// the CMI draw. Each keeps its own data, initialization, batch order and noise stream, so a packed trial's numbers
/// are those it has alone (up to float rounding of the batched products). Adam trials never pack: their update is left to torch's own optimizer.</summary>
public static class TrialPacking
{
    /// <summary>The pack key: trials with the same key may share a pack; null when the trial must run alone.</summary>
    public static string? Key(TrialConfig config) =>
        config.Training.Optimizer == OptimizerKind.Adam
            ? null
            : TrialIdentity.Canonical(GridAxes.Zeroed(config with { Seed = 0, Cmi = null }, axis => axis.VariesInPack));
}
