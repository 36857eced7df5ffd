using System.Diagnostics;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Data;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>The real trial runner: builds each trial's data and noisy MLP, trains a pack of trials as one batched
/// network (a trial alone is a pack of one, so a trial's numbers do not depend on its pack), then measures each
/// trial on its own: errors with fresh noise, per-layer information, the bounds. Every tensor it makes is disposed
/// before it returns; no tensor leaves this class. Given checkpoints, it continues from its trials' checkpoints and
/// removes them once training is done.</summary>
/// <param name="kernel">How the information estimates sum over pairs: tensor algebra on the trial's device (what trials
/// use), or Core's reference loop (for checks and benchmarks).</param>
public sealed class TorchTrialRunner(PairwiseKernel kernel = PairwiseKernel.Tensor) : ITrialRunner
{
    public TrialResult Run(TrialId id, TrialConfig config, TrialRunContext context, CancellationToken cancellation) =>
        RunPack([new PackMember(id, config, context.Progress)], context, cancellation)[0];

    public IReadOnlyList<TrialResult> RunPack(IReadOnlyList<PackMember> members, TrialRunContext context, CancellationToken cancellation)
    {
        if (members.Count > 1 && members.Select(m => TrialPacking.Key(m.Config)).Distinct().ToList() is not [{ }])
            throw new ArgumentException("Only trials with one pack key (TrialPacking.Key) can train as one pack.", nameof(members));
        var total = Stopwatch.StartNew();
        Device device = DeviceSelection.Resolve(context.Device);
        if (context.Threads > 0) set_num_threads(context.Threads);

        using var scope = NewDisposeScope();
        var trials = new List<PackedTrial>(members.Count);
        try
        {
            foreach (var member in members) trials.Add(PackedTrial.Create(member, context, device));
            var phase = Stopwatch.StartNew();
            IReadOnlyList<TrainingLog> logs = TrainingLoop.Train(trials.Select(t => t.Training).ToList(), cancellation);
            // Trained: what remains depends only on the trained models and their generators, so the checkpoints have served.
            foreach (var trial in trials) trial.Training.Checkpoint?.Remove();
            double trainShare = phase.Elapsed.TotalSeconds / members.Count;
            return trials.Select((trial, s) => Measure(trial, logs[s], trainShare, context, device, cancellation)).ToList();
        }
        finally
        {
            foreach (var trial in trials) trial.Dispose();
        }

        TrialResult Measure(PackedTrial trial, TrainingLog log, double trainSeconds, TrialRunContext context, Device device, CancellationToken cancellation)
        {
            var phase = Stopwatch.StartNew();
            var (id, config) = (trial.Member.Id, trial.Member.Config);
            TrialData data = trial.Data;
            NoisyMlp model = trial.Training.Model;
            var echo = Echo(config, data, log, model, context) with { PackSize = members.Count };
            if (log.DivergedAtStep is { } step)
                return new TrialResult
                {
                    TrialId = id, Config = config, Status = TrialStatus.Failed, Run = echo,
                    FailureReason = $"{FailureKind.Diverged.Word()} at step {step}",
                    Timings = new TrialTimings { DataSeconds = trial.DataSeconds, TrainSeconds = trainSeconds, TotalSeconds = trial.DataSeconds + trainSeconds },
                };

            Tensor trainX = trial.Training.Features, trainY = trial.Training.Labels;
            Tensor testX = AsFeatures(data.TestFeatures, data.Dimension, device), testY = AsLabels(data.TestLabels, device);
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
                    DataSeconds = trial.DataSeconds, TrainSeconds = trainSeconds, EvaluateSeconds = evaluateSeconds,
                    EstimateSeconds = estimateSeconds, TotalSeconds = trial.DataSeconds + trainSeconds + evaluateSeconds + estimateSeconds,
                },
            };
        }
    }

    internal static Tensor AsFeatures(float[] values, int dimension, Device device) =>
        tensor(values, [values.Length / dimension, dimension], device: device);

    internal static Tensor AsLabels(int[] labels, Device device) =>
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
