using SweepCluster.Core.Grid;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Picks the update rule a trial's optimizer names.</summary>
internal static class UpdateRules
{
    public static IUpdateRule Create(TrialConfig config, IReadOnlyList<Parameter> trained, Generator noise) =>
        config.Training.Optimizer switch
        {
            "sgd" or "sgld" => new NoisySgdRule(trained, noise),
            "adam" => new AdamRule(trained, config.Training.LearningRate),
            var other => throw new ArgumentException($"Unknown optimizer '{other}'."),
        };
}
