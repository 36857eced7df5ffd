using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Data;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Model;
using SweepCluster.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>Minibatch training of a <see cref="NoisyMlp"/>: end_to_end trains every layer, frozen_features only the
/// output layer. Gradients are clipped to norm K when K &gt; 0: per example in frozen_features (see
/// <see cref="PerExampleClipping"/>; training.clipping can ask for the batch clip instead), on the batch gradient
/// otherwise. Every step is logged for the bounds. A NaN or
/// infinite loss stops training and is reported, never thrown. With a checkpoint, training continues from the saved
/// epoch and saves again every so many epochs.</summary>
internal static class TrainingLoop
{
    public static TrainingLog Train(
        NoisyMlp model, Tensor features, Tensor labels, TrialConfig config, Generator noise,
        IProgress<TrialProgress>? progress, TrainingCheckpoint? checkpoint, CancellationToken cancellation)
    {
        bool frozen = config.Training.Mode == TrainingMode.FrozenFeatures;
        List<Parameter> trained = frozen ? model.OutputParameters().ToList() : model.parameters().ToList();
        if (frozen)
            foreach (var p in model.HiddenParameters()) p.requires_grad = false;

        // Per-example clipping needs a clip to apply and frozen hidden layers (the loader refuses it in end_to_end).
        bool perExample = frozen && config.Training.Clip > 0
            && ClippingModes.IsPerExample(config.Training.Clipping, config.Training.Mode);
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
                foreach (int[] batch in EpochBatches(shuffle, n, batchSize))
                {
                    alphas.Add(schedule.Alpha(step));
                    sigmas.Add(schedule.Sigma(step));
                    batches.Add(batch);
                    step++;
                }
            epochLosses.AddRange(savedLosses);
            firstEpoch = savedEpoch + 1;
        }
        model.train();

        for (int epoch = firstEpoch; epoch <= config.Training.Epochs; epoch++)
        {
            double lossSum = 0;
            int batchCount = 0;
            foreach (int[] batch in EpochBatches(shuffle, n, batchSize))
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Tensor index = tensor(batch.Select(i => (long)i).ToArray(), device: features.device);
                Tensor x = features.index_select(0, index), y = labels.index_select(0, index);
                double lossValue = perExample
                    ? PerExampleStep(model, x, y, config.Training.Clip)
                    : BatchStep(model, x, y, trained, config.Training.Clip);
                if (!double.IsFinite(lossValue))
                    return Log(alphas, sigmas, batches, config, trained, model, epochLosses, perExample, divergedAt: step);
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
        return Log(alphas, sigmas, batches, config, trained, model, epochLosses, perExample, divergedAt: null);
    }

    /// <summary>One epoch's minibatches: the n examples shuffled by the batch-order stream, then cut into slices of
    /// <paramref name="batchSize"/> (the last may be shorter). Training and checkpoint replay both take them from
    /// here, so a replayed epoch's batches are the ones it trained on.</summary>
    private static IEnumerable<int[]> EpochBatches(Random shuffle, int n, int batchSize)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        shuffle.Shuffle(order);
        for (int start = 0; start < n; start += batchSize)
            yield return order[start..Math.Min(n, start + batchSize)];
    }

    /// <summary>Backpropagates the batch's mean loss and clips the batch gradient to K (when K &gt; 0); returns the
    /// loss, or a non-finite value (with no gradient written) when training diverged.</summary>
    private static double BatchStep(NoisyMlp model, Tensor x, Tensor y, List<Parameter> trained, double clip)
    {
        Tensor loss = nn.functional.cross_entropy(model.forward(x), y);
        double value = loss.item<float>();
        if (!double.IsFinite(value)) return value;
        foreach (var p in trained) p.grad?.zero_();
        loss.backward();
        if (clip > 0) GradientClipping.ClipTotalNorm(trained, clip);
        return value;
    }

    /// <summary>Frozen hidden layers: the noisy features come through the stack under no_grad (fresh noise and
    /// dropout as in training) and the output layer's clipped per-example gradient is written in closed form.</summary>
    private static double PerExampleStep(NoisyMlp model, Tensor x, Tensor y, double clip)
    {
        using var noGrad = no_grad();
        Tensor features = model.NoisyFeatures(x);
        Tensor logits = model.Output(features);
        double value = nn.functional.cross_entropy(logits, y).item<float>();
        if (!double.IsFinite(value)) return value;
        var (weight, bias) = PerExampleClipping.BatchGradient(logits, features, y, clip);
        var output = model.OutputLayer;
        WriteGradient(output.weight!, weight);
        WriteGradient(output.bias!, bias);
        return value;
    }

    private static void WriteGradient(Parameter parameter, Tensor gradient)
    {
        if (parameter.grad is { } existing) existing.copy_(gradient);
        else parameter.grad = gradient.clone();
    }

    private static TrainingLog Log(
        List<double> alphas, List<double> sigmas, List<int[]> batches, TrialConfig config,
        List<Parameter> trained, NoisyMlp model, List<double> epochLosses, bool perExample, long? divergedAt) =>
        new(alphas, sigmas, batches, config.Training.Clip, perExample,
            TrainedParameters: trained.Sum(p => p.numel()),
            OutputParameters: model.OutputParameters().Sum(p => p.numel()),
            epochLosses, divergedAt);
}
