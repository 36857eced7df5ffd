using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Training.Model;

namespace SweepCluster.Training.Optimization;

/// <summary>Picks the update rule a trial's optimizer names, for a pack's trained parameters.</summary>
internal static class UpdateRules
{
    public static IUpdateRule Create(TrialConfig config, PackedMlp pack) =>
        config.Training.Optimizer switch
        {
            OptimizerKind.Sgd or OptimizerKind.Sgld => new NoisySgdRule(pack.TrainedValues, pack.Generators),
            OptimizerKind.Adam => new AdamRule(pack.TrainedParameters, config.Training.LearningRate),
            var other => throw new ArgumentException($"Unknown optimizer '{other}'."),
        };
}
