using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Training.Tests;

/// <summary>Small trial configurations that train in well under a second.</summary>
internal static class TrialConfigs
{
    public static TrialConfig Small(int depth = 2, int width = 8, double actNoise = 0.5, int seed = 0) => new()
    {
        Dataset = new DatasetSettings { Classes = 3, Dimension = 6, Separation = 3.0, TestSize = 300 },
        Model = new ModelSettings(),
        Training = new TrainingSettings { Epochs = 3, BatchSize = 32, LearningRate = 0.05 },
        Information = new InformationSettings { EvalPoints = 64, NoisePaths = 4 },
        Depth = depth,
        Width = width,
        ActNoise = actNoise,
        TrainSize = 200,
        Seed = seed,
    };
}
