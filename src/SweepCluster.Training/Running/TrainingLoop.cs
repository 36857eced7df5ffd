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
/// infinite loss stops training and is reported (at its first step), never thrown; losses are read once per epoch. With a checkpoint, training continues from the saved
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
            {
                int[] order = EpochOrder(shuffle, n);
                foreach (var (start, length) in Batches(n, batchSize))
                {
                    alphas.Add(schedule.Alpha(step));
                    sigmas.Add(schedule.Sigma(step));
                    batches.Add(order[start..(start + length)]);
                    step++;
                }
            }
            epochLosses.AddRange(savedLosses);
            firstEpoch = savedEpoch + 1;
        }
        model.train();

        for (int epoch = firstEpoch; epoch <= config.Training.Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            int[] order = EpochOrder(shuffle, n);
            Tensor orderOnDevice = tensor(order.Select(i => (long)i).ToArray(), device: features.device);
            // The step losses stay on the device and are read once, at the epoch's end: no host read per step.
            var stepLosses = new List<Tensor>();
            long epochFirstStep = step;
            foreach (var (start, length) in Batches(n, batchSize))
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Tensor index = orderOnDevice.narrow(0, start, length);
                Tensor x = features.index_select(0, index), y = labels.index_select(0, index);
                Tensor loss = perExample
                    ? PerExampleStep(model, x, y, config.Training.Clip)
                    : BatchStep(model, x, y, trained, config.Training.Clip);
                double alpha = schedule.Alpha(step), sigma = schedule.Sigma(step);
                rule.Step(alpha, sigma);
                stepLosses.Add(loss.MoveToOuterDisposeScope());

                alphas.Add(alpha);
                sigmas.Add(sigma);
                batches.Add(order[start..(start + length)]);
                step++;
            }
            double[] losses = stack(stepLosses).to(float64).cpu().data<double>().ToArray();
            // A NaN or infinite loss ends training at the first such step; the steps after it in this epoch (taken on
            // a diverged model, which is never measured) are cut from the log.
            if (Array.FindIndex(losses, value => !double.IsFinite(value)) is var bad and >= 0)
            {
                long divergedAt = epochFirstStep + bad;
                int kept = (int)divergedAt;
                alphas.RemoveRange(kept, alphas.Count - kept);
                sigmas.RemoveRange(kept, sigmas.Count - kept);
                batches.RemoveRange(kept, batches.Count - kept);
                return Log(alphas, sigmas, batches, config, trained, model, epochLosses, perExample, divergedAt);
            }
            double epochLoss = losses.Sum() / losses.Length;
            epochLosses.Add(epochLoss);
            if (checkpoint?.IsDue(epoch, config.Training.Epochs) == true) checkpoint.Save(epoch, epochLosses, model, noise, rule);
            progress?.Report(new TrialProgress(epoch, config.Training.Epochs, epochLoss));
        }
        return Log(alphas, sigmas, batches, config, trained, model, epochLosses, perExample, divergedAt: null);
    }

    /// <summary>One epoch's order of the n examples, from the batch-order stream; its <see cref="Batches"/> are the
    /// epoch's minibatches. Training and checkpoint replay both draw it here, so a replayed epoch's batches are the ones
    /// it trained on.</summary>
    private static int[] EpochOrder(Random shuffle, int n)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        shuffle.Shuffle(order);
        return order;
    }

    /// <summary>The (start, length) slices of an epoch's order: consecutive runs of the batch size, the last maybe shorter.</summary>
    private static IEnumerable<(int Start, int Length)> Batches(int n, int batchSize)
    {
        for (int start = 0; start < n; start += batchSize)
            yield return (start, Math.Min(batchSize, n - start));
    }

    /// <summary>Backpropagates the batch's mean loss and clips the batch gradient to K (when K &gt; 0); returns the
    /// loss, detached, on the device.</summary>
    private static Tensor BatchStep(NoisyMlp model, Tensor x, Tensor y, List<Parameter> trained, double clip)
    {
        Tensor loss = nn.functional.cross_entropy(model.forward(x), y);
        foreach (var p in trained) p.grad?.zero_();
        loss.backward();
        if (clip > 0) GradientClipping.ClipTotalNorm(trained, clip);
        return loss.detach();
    }

    /// <summary>Frozen hidden layers: the noisy features come through the stack under no_grad (fresh noise and
    /// dropout as in training) and the output layer's clipped per-example gradient is written in closed form.</summary>
    private static Tensor PerExampleStep(NoisyMlp model, Tensor x, Tensor y, double clip)
    {
        using var noGrad = no_grad();
        Tensor features = model.NoisyFeatures(x);
        Tensor logits = model.Output(features);
        Tensor loss = nn.functional.cross_entropy(logits, y);
        var (weight, bias) = PerExampleClipping.BatchGradient(logits, features, y, clip);
        var output = model.OutputLayer;
        WriteGradient(output.weight!, weight);
        WriteGradient(output.bias!, bias);
        return loss;
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
