using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Training.Data;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Model;
using SweepCluster.Training.Running;
using static TorchSharp.torch;

namespace SweepCluster.Training.Tests;

/// <summary>A config's training data as tensors and a fresh tanh model from fixed generators, trained by the real loop
/// without the runner around it (no evaluation, no estimates): for tests that look at the log or the weights.</summary>
internal sealed class SmallTraining : IDisposable
{
    private readonly Generator _initialization = new(1);
    private readonly Generator _noise = new(2);

    public SmallTraining(TrialConfig config, double actNoise)
    {
        Config = config;
        TrialData data = TrialDataFactory.Create(config);
        Features = tensor(data.TrainFeatures, [data.TrainSize, data.Dimension]);
        Labels = tensor(data.TrainLabels.Select(l => (long)l).ToArray());
        Model = new NoisyMlp(new NoisyMlpShape(data.Dimension, config.Depth, config.Width, data.Classes, ActivationKind.Tanh, actNoise, 0, 0),
            _initialization, _noise);
    }

    public TrialConfig Config { get; }
    public Tensor Features { get; }
    public Tensor Labels { get; }
    public NoisyMlp Model { get; }

    /// <summary>Trains <see cref="Model"/> on <paramref name="features"/> (default: the config's own).</summary>
    public TrainingLog Train(Tensor? features = null) =>
        TrainingLoop.Train([new TrainingMember(Model, features ?? Features, Labels, Config)], CancellationToken.None)[0];

    public void Dispose()
    {
        Model.Dispose();
        Features.Dispose();
        Labels.Dispose();
        _initialization.Dispose();
        _noise.Dispose();
    }
}
