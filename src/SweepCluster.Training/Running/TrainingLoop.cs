using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Data;
using SweepCluster.Training.Model;
using SweepCluster.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>Minibatch training of a <see cref="NoisyMlp"/>: end_to_end trains every layer, frozen_features only the
/// output layer. Gradients are clipped to norm K when K &gt; 0; every step is logged for the bounds. A NaN or
/// infinite loss stops training and is reported, never thrown. With a checkpoint, training continues from the saved
/// epoch and saves again every so many epochs.</summary>
internal static class TrainingLoop
{
    public static TrainingLog Train(
        NoisyMlp model, Tensor features, Tensor labels, TrialConfig config, Generator noise,
        IProgress<TrialProgress>? progress, TrainingCheckpoint? checkpoint, CancellationToken cancellation)
    {
        bool frozen = config.Training.Mode == "frozen_features";
        List<Parameter> trained = frozen ? model.OutputParameters().ToList() : model.parameters().ToList();
        if (frozen)
            foreach (var p in model.HiddenParameters()) p.requires_grad = false;

        var schedule = new StepSchedule(config);
        using IUpdateRule rule = UpdateRules.Create(config, trained, noise);
        var shuffle = new Random(SeedStreams.Derive(config.Seed, 0x5348)); // "SH": the batch-order stream
        int n = (int)labels.shape[0];
        int batchSize = Math.Min(config.Training.BatchSize, n);
        var alphas = new List<double>();
        var sigmas = new List<double>();
        var batches = new List<int[]>();
        var epochLosses = new List<double>();
        long step = 0;
        int firstEpoch = 1;
        if (checkpoint?.TryRestore(model, noise, rule) is var (savedEpoch, savedLosses))
        {
            // The finished epochs' batch orders, step sizes and noise levels follow from the seed: replay them for the log.
            for (int epoch = 1; epoch <= savedEpoch; epoch++)
            {
                int[] order = Enumerable.Range(0, n).ToArray();
                shuffle.Shuffle(order);
                for (int start = 0; start < n; start += batchSize, step++)
                {
                    alphas.Add(schedule.Alpha(step));
                    sigmas.Add(schedule.Sigma(step));
                    batches.Add(order[start..Math.Min(n, start + batchSize)]);
                }
            }
            epochLosses.AddRange(savedLosses);
            firstEpoch = savedEpoch + 1;
        }
        model.train();

        for (int epoch = firstEpoch; epoch <= config.Training.Epochs; epoch++)
        {
            int[] order = Enumerable.Range(0, n).ToArray();
            shuffle.Shuffle(order);
            double lossSum = 0;
            int batchCount = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                int[] batch = order[start..Math.Min(n, start + batchSize)];
                using var scope = NewDisposeScope();
                Tensor index = tensor(batch.Select(i => (long)i).ToArray(), device: features.device);
                Tensor loss = nn.functional.cross_entropy(model.forward(features.index_select(0, index)), labels.index_select(0, index));
                double lossValue = loss.item<float>();
                if (!double.IsFinite(lossValue))
                    return Log(alphas, sigmas, batches, config, trained, model, epochLosses, divergedAt: step);

                foreach (var p in trained) p.grad?.zero_();
                loss.backward();
                if (config.Training.Clip > 0) GradientClipping.ClipTotalNorm(trained, config.Training.Clip);
                double alpha = schedule.Alpha(step), sigma = schedule.Sigma(step);
                rule.Step(alpha, sigma);

                alphas.Add(alpha);
                sigmas.Add(sigma);
                batches.Add(batch);
                lossSum += lossValue;
                batchCount++;
                step++;
            }
            double epochLoss = lossSum / batchCount;
            epochLosses.Add(epochLoss);
            if (checkpoint?.IsDue(epoch, config.Training.Epochs) == true) checkpoint.Save(epoch, epochLosses, model, noise, rule);
            progress?.Report(new TrialProgress(epoch, config.Training.Epochs, epochLoss));
        }
        return Log(alphas, sigmas, batches, config, trained, model, epochLosses, divergedAt: null);
    }

    private static TrainingLog Log(
        List<double> alphas, List<double> sigmas, List<int[]> batches, TrialConfig config,
        List<Parameter> trained, NoisyMlp model, List<double> epochLosses, long? divergedAt) =>
        new(alphas, sigmas, batches, config.Training.Clip,
            TrainedParameters: trained.Sum(p => p.numel()),
            OutputParameters: model.OutputParameters().Sum(p => p.numel()),
            epochLosses, divergedAt);
}
