using System.Diagnostics;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Data;
using SweepCluster.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>One trial of a pack before training: its data, its model initialized from its seed, its generators and
/// its checkpoint. Separate streams for initialization and for every noise draw (activation, dropout, update noise);
/// weights are drawn on the CPU and then moved, so a trial starts from the same weights on any device. The model holds
/// the noise generator, which this trial owns with it.</summary>
internal sealed class PackedTrial : IDisposable
{
    private PackedTrial(PackMember member, TrialData data, double dataSeconds, TrainingMember training)
    {
        Member = member;
        Data = data;
        DataSeconds = dataSeconds;
        Training = training;
    }

    public PackMember Member { get; }
    public TrialData Data { get; }
    public double DataSeconds { get; }
    public TrainingMember Training { get; }

    public static PackedTrial Create(PackMember member, TrialRunContext context, Device device)
    {
        var clock = Stopwatch.StartNew();
        var config = member.Config;
        TrialData data = TrialDataFactory.Create(config);
        double dataSeconds = clock.Elapsed.TotalSeconds;
        using var initialization = new Generator((ulong)SeedStreams.Derive(config.Seed, 0x494E), CPU); // "IN": spent here
        var noise = new Generator((ulong)SeedStreams.Derive(config.Seed, 0x4E53), device);       // "NS"
        var shape = new NoisyMlpShape(data.Dimension, config.Depth, config.Width, data.Classes,
            config.Model.Activation, config.ActNoise, config.InputNoise, config.Dropout);
        var model = new NoisyMlp(shape, initialization, noise);
        model.to(device);
        var checkpoint = context.Checkpoints is { } checkpoints ? new TrainingCheckpoint(member.Id, checkpoints) : null;
        var training = new TrainingMember(model,
            TorchTrialRunner.AsFeatures(data.TrainFeatures, data.Dimension, device), TorchTrialRunner.AsLabels(data.TrainLabels, device),
            config, member.Progress, checkpoint);
        return new PackedTrial(member, data, dataSeconds, training);
    }

    public void Dispose()
    {
        Generator noise = Training.Model.Noise;
        Training.Model.Dispose();
        noise.Dispose();
    }
}
