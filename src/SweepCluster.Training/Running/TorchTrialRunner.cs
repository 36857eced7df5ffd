using System.Diagnostics;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Data;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>The real trial runner: builds the data and the noisy MLP, trains it, measures errors with fresh
/// noise, estimates per-layer information and assembles the bounds. Every tensor it makes is disposed before
/// it returns; no tensor leaves this class. Given checkpoints, it continues from its trial's checkpoint and removes
/// it once training is done.</summary>
/// <param name="kernel">How the information estimates sum over pairs: tensor algebra on the trial's device (what trials
/// use), or Core's reference loop (for checks and benchmarks).</param>
public sealed class TorchTrialRunner(PairwiseKernel kernel = PairwiseKernel.Tensor) : ITrialRunner
{
    public TrialResult Run(TrialId id, TrialConfig config, TrialRunContext context, CancellationToken cancellation)
    {
        var total = Stopwatch.StartNew();
        Device device = DeviceSelection.Resolve(context.Device);
        if (context.Threads > 0) set_num_threads(context.Threads);

        var phase = Stopwatch.StartNew();
        TrialData data = TrialDataFactory.Create(config);
        double dataSeconds = phase.Elapsed.TotalSeconds;

        using var scope = NewDisposeScope();
        Tensor trainX = AsFeatures(data.TrainFeatures, data.Dimension, device), trainY = AsLabels(data.TrainLabels, device);
        Tensor testX = AsFeatures(data.TestFeatures, data.Dimension, device), testY = AsLabels(data.TestLabels, device);

        // Separate streams for initialization and for every noise draw (activation, dropout, update noise).
        // Weights are drawn on the CPU and then moved, so a trial starts from the same weights on any device.
        using var initialization = new Generator((ulong)SeedStreams.Derive(config.Seed, 0x494E), CPU);    // "IN"
        using var noise = new Generator((ulong)SeedStreams.Derive(config.Seed, 0x4E53), device);          // "NS"
        var shape = new NoisyMlpShape(data.Dimension, config.Depth, config.Width, data.Classes,
            config.Model.Activation, config.ActNoise, config.InputNoise, config.Dropout);
        using var model = new NoisyMlp(shape, initialization, noise);
        model.to(device);

        phase.Restart();
        var checkpoint = context.Checkpoints is { } checkpoints ? new TrainingCheckpoint(id, checkpoints) : null;
        TrainingLog log = TrainingLoop.Train(model, trainX, trainY, config, noise, context.Progress, checkpoint, cancellation);
        // Trained: what remains depends only on the trained model and the generator, so the checkpoint has served.
        checkpoint?.Remove();
        double trainSeconds = phase.Elapsed.TotalSeconds;
        var echo = Echo(config, data, log, model, context);
        if (log.DivergedAtStep is { } step)
            return new TrialResult
            {
                TrialId = id, Config = config, Status = TrialStatus.Failed, Run = echo,
                FailureReason = $"diverged at step {step}",
                Timings = new TrialTimings { DataSeconds = dataSeconds, TrainSeconds = trainSeconds, TotalSeconds = total.Elapsed.TotalSeconds },
            };

        phase.Restart();
        int draws = config.Information.ErrorDraws;
        var (trainError, trainLoss) = ErrorMeasurement.Measure(model, trainX, trainY, draws, config.Information.LossClip);
        var (testError, testLoss) = ErrorMeasurement.Measure(model, testX, testY, draws, config.Information.LossClip);
        CmiOutcome? cmi = data.Supersample is { } supersample ? CmiPredictions.Measure(model, supersample, data.Dimension, device) : null;
        double evaluateSeconds = phase.Elapsed.TotalSeconds;

        phase.Restart();
        IReadOnlyList<LayerInformation> layers = LayerInformationProbe.Measure(model, testX, data.TestLabels, config, kernel, cancellation);
        var trainingLabels = LayerInformationProbe.TrainingLabelInformationUpper(model, trainX, data.TrainLabels, config, kernel);
        int evaluationPoints = Math.Min(config.Information.EvalPoints, data.TestLabels.Length);
        var (sgld, bounds, fano) = TrialBoundsAssembly.Assemble(config, log, layers, data.Classes, evaluationPoints, trainingLabels);
        double estimateSeconds = phase.Elapsed.TotalSeconds;

        return new TrialResult
        {
            TrialId = id,
            Config = config,
            Status = TrialStatus.Completed,
            Run = echo,
            TrainError = trainError,
            TestError = testError,
            Gap = testError - trainError,
            TrainLoss = trainLoss,
            TestLoss = testLoss,
            LossGap = testLoss - trainLoss,
            Layers = layers,
            ISgld = sgld,
            Bounds = bounds,
            FanoLower = fano,
            Cmi = cmi,
            Timings = new TrialTimings
            {
                DataSeconds = dataSeconds, TrainSeconds = trainSeconds, EvaluateSeconds = evaluateSeconds,
                EstimateSeconds = estimateSeconds, TotalSeconds = total.Elapsed.TotalSeconds,
            },
        };
    }

    private static Tensor AsFeatures(float[] values, int dimension, Device device) =>
        tensor(values, [values.Length / dimension, dimension], device: device);

    private static Tensor AsLabels(int[] labels, Device device) =>
        tensor(labels.Select(l => (long)l).ToArray(), device: device);

    private static TrialRunEcho Echo(TrialConfig config, TrialData data, TrainingLog log, NoisyMlp model, TrialRunContext context) => new()
    {
        Classes = data.Classes,
        InputDimension = data.Dimension,
        Steps = log.Steps,
        Parameters = model.parameters().Sum(p => p.numel()),
        TrainedParameters = log.TrainedParameters,
        OutputParameters = log.OutputParameters,
        LossSigma = Core.Bounds.LossSigma.ZeroOne,
        AlphaFirst = log.Alphas.FirstOrDefault(),
        AlphaLast = log.Alphas.LastOrDefault(),
        SigmaFirst = log.Sigmas.FirstOrDefault(),
        SigmaLast = log.Sigmas.LastOrDefault(),
        Device = context.Device,
        Threads = get_num_threads(),
        Dataset = data.Name,
    };
}
