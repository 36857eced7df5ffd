using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Training.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Picks the update rule a trial's optimizer names, for a pack's trained parameters.</summary>
internal static class UpdateRules
{
    public static IUpdateRule Create(TrialConfig config, PackedMlp pack, IReadOnlyList<Parameter> trained, IReadOnlyList<Generator> noise) =>
        config.Training.Optimizer switch
        {
            OptimizerKind.Sgd or OptimizerKind.Sgld => new NoisySgdRule(pack.TrainedValues, noise),
            OptimizerKind.Adam => new AdamRule(trained, config.Training.LearningRate),
            var other => throw new ArgumentException($"Unknown optimizer '{other}'."),
        };
}
