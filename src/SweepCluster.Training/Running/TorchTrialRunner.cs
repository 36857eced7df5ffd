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
/// network, then measures the pack the same way: errors with fresh noise and per-layer information batched over the
/// members, then each member's bounds. A trial alone is a pack of one and every member draws from its own generators,
/// so a trial's numbers do not depend on its pack. Every tensor it makes is disposed
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
            var results = new TrialResult[members.Count];
            var measured = new List<int>();
            for (int s = 0; s < members.Count; s++)
            {
                if (logs[s].DivergedAtStep is not { } step)
                {
                    measured.Add(s);
                    continue;
                }
                var trial = trials[s];
                results[s] = new TrialResult
                {
                    TrialId = trial.Member.Id, Config = trial.Member.Config, Status = TrialStatus.Failed,
                    Run = Echo(trial.Member.Config, trial.Data, logs[s], trial.Training.Model, context) with { PackSize = members.Count },
                    FailureReason = $"{FailureKind.Diverged.Word()} at step {step}",
                    Timings = new TrialTimings { DataSeconds = trial.DataSeconds, TrainSeconds = trainShare, TotalSeconds = trial.DataSeconds + trainShare },
                };
            }
            if (measured.Count > 0)
            {
                var done = Measure(measured.Select(s => trials[s]).ToList(), measured.Select(s => logs[s]).ToList(), trainShare, device, cancellation);
                for (int m = 0; m < measured.Count; m++) results[measured[m]] = done[m];
            }
            return results;
        }
        finally
        {
            foreach (var trial in trials) trial.Dispose();
        }

        // The trained members measured together: errors with fresh noise and the per-layer information batched over
        // them (each member's draws from its own generators, in the order a pack of one makes them), then the bounds.
        // A member's phase times are its share of the pack's.
        IReadOnlyList<TrialResult> Measure(
            IReadOnlyList<PackedTrial> pack, IReadOnlyList<TrainingLog> logs, double trainSeconds, Device device, CancellationToken cancellation)
        {
            var phase = Stopwatch.StartNew();
            var configs = pack.Select(t => t.Member.Config).ToList();
            InformationSettings information = configs[0].Information; // the pack's: equal in every member
            using var measureScope = NewDisposeScope();
            using var network = new PackedNetwork(pack.Select(t => t.Training.Model).ToList());
            Tensor trainX = stack(pack.Select(t => t.Training.Features).ToArray()), trainY = stack(pack.Select(t => t.Training.Labels).ToArray());
            Tensor testX = stack(pack.Select(t => AsFeatures(t.Data.TestFeatures, t.Data.Dimension, device)).ToArray());
            Tensor testY = stack(pack.Select(t => AsLabels(t.Data.TestLabels, device)).ToArray());
            var trainErrors = ErrorMeasurement.Measure(network, trainX, trainY, information.ErrorDraws, information.LossClip);
            var testErrors = ErrorMeasurement.Measure(network, testX, testY, information.ErrorDraws, information.LossClip);
            CmiOutcome?[] cmi = pack.Select(t => t.Data.Supersample is { } supersample
                ? CmiPredictions.Measure(t.Training.Model, supersample, t.Data.Dimension, device) : null).ToArray();
            double evaluateSeconds = phase.Elapsed.TotalSeconds / pack.Count;

            phase.Restart();
            int classes = pack[0].Data.Classes; // one dataset: the same class count for every member
            var layers = LayerInformationProbe.Measure(
                network, testX, pack.Select(t => t.Data.TestLabels).ToList(), classes, configs, kernel, cancellation);
            var trainingLabels = LayerInformationProbe.TrainingLabelInformationUpper(
                network, trainX, pack.Select(t => t.Data.TrainLabels).ToList(), classes, configs, kernel);
            var assembled = pack.Select((t, s) =>
            {
                int evaluationPoints = Math.Min(information.EvalPoints, t.Data.TestLabels.Length);
                return TrialBoundsAssembly.Assemble(configs[s], logs[s], layers[s], t.Data.Classes, evaluationPoints, trainingLabels[s]);
            }).ToList();
            double estimateSeconds = phase.Elapsed.TotalSeconds / pack.Count;

            return pack.Select((trial, s) =>
            {
                var (trainError, trainLoss) = trainErrors[s];
                var (testError, testLoss) = testErrors[s];
                var (sgld, bounds, fano) = assembled[s];
                return new TrialResult
                {
                    TrialId = trial.Member.Id,
                    Config = configs[s],
                    Status = TrialStatus.Completed,
                    Run = Echo(configs[s], trial.Data, logs[s], trial.Training.Model, context) with { PackSize = members.Count },
                    TrainError = trainError,
                    TestError = testError,
                    Gap = testError - trainError,
                    TrainLoss = trainLoss,
                    TestLoss = testLoss,
                    LossGap = testLoss - trainLoss,
                    Layers = layers[s],
                    ISgld = sgld,
                    Bounds = bounds,
                    FanoLower = fano,
                    Cmi = cmi[s],
                    Timings = new TrialTimings
                    {
                        DataSeconds = trial.DataSeconds, TrainSeconds = trainSeconds, EvaluateSeconds = evaluateSeconds,
                        EstimateSeconds = estimateSeconds, TotalSeconds = trial.DataSeconds + trainSeconds + evaluateSeconds + estimateSeconds,
                    },
                };
            }).ToList();
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
