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

/// <summary>Minibatch training of a pack of <see cref="NoisyMlp"/>s as one <see cref="PackedMlp"/> (a trial alone is a
/// pack of one): end_to_end trains every layer, frozen_features only the output layer. Each member keeps its own data,
/// batch order, noise and clip, so it trains as it would alone. Gradients are clipped to norm K when K &gt; 0: per
/// example in frozen_features (see <see cref="PerExampleClipping"/>; training.clipping can ask for the batch clip
/// instead), on each member's batch gradient otherwise. Every step is logged for the bounds. A NaN or infinite loss ends
/// that member's training and is reported (at its first step), never thrown; losses are read once per epoch. With
/// checkpoints, training continues from the saved epoch and saves again every so many epochs.</summary>
internal static class TrainingLoop
{
    /// <summary>Trains the members (whose configurations share a <see cref="TrialPacking.Key"/>, so every training
    /// setting is equal) and returns each one's log, in order. The members' models hold the trained weights after.</summary>
    public static IReadOnlyList<TrainingLog> Train(IReadOnlyList<TrainingMember> members, CancellationToken cancellation)
    {
        TrainingSettings settings = members[0].Config.Training;
        bool frozen = settings.Mode == TrainingMode.FrozenFeatures;
        // Per-example clipping needs a clip to apply and frozen hidden layers (the loader refuses it in end_to_end).
        bool perExample = frozen && settings.Clip > 0 && ClippingModes.IsPerExample(settings.Clipping, settings.Mode);
        int count = members.Count, n = (int)members[0].Labels.shape[0];
        int batchSize = Math.Min(settings.BatchSize, n);

        using var pack = new PackedMlp(members.Select(m => m.Model).ToList(), trainHidden: !frozen);
        using IUpdateRule rule = UpdateRules.Create(members[0].Config, pack);
        var schedules = members.Select(m => new StepSchedule(m.Config)).ToArray();
        var shuffles = members.Select(m => new Random(SeedStreams.Derive(m.Config.Seed, 0x5348))).ToArray(); // "SH": batch order
        var logs = members.Select(m => new MemberLog(m.Config, perExample)).ToArray();
        using Tensor features = stack(members.Select(m => m.Features).ToArray());
        using Tensor labels = stack(members.Select(m => m.Labels).ToArray());
        long dimension = features.shape[2];

        long step = 0;
        int firstEpoch = 1;
        if (Restore(members, pack, rule) is var (savedEpoch, savedLosses))
        {
            // The finished epochs' batch orders, step sizes and noise levels follow from the seeds: replay them for the logs.
            for (int epoch = 1; epoch <= savedEpoch; epoch++)
            {
                int[][] orders = shuffles.Select(shuffle => EpochOrder(shuffle, n)).ToArray();
                foreach (var (start, length) in Batches(n, batchSize))
                {
                    for (int s = 0; s < count; s++) logs[s].Record(schedules[s], step, orders[s][start..(start + length)]);
                    step++;
                }
            }
            for (int s = 0; s < count; s++) logs[s].EpochLosses.AddRange(savedLosses[s]);
            firstEpoch = savedEpoch + 1;
        }

        for (int epoch = firstEpoch; epoch <= settings.Epochs && logs.Any(log => log.DivergedAt is null); epoch++)
        {
            using var epochScope = NewDisposeScope();
            int[][] orders = shuffles.Select(shuffle => EpochOrder(shuffle, n)).ToArray();
            Tensor order = tensor(orders.SelectMany(o => o.Select(i => (long)i)).ToArray(), [count, n], device: features.device);
            // The epoch's examples in batch order, gathered once: a step's batch is then a slice, not a gather.
            Tensor epochX = features.gather(1, order.unsqueeze(-1).expand(count, n, dimension)), epochY = labels.gather(1, order);
            // The step losses stay on the device and are read once, at the epoch's end: no host read per step.
            var stepLosses = new List<Tensor>();
            long epochFirstStep = step;
            foreach (var (start, length) in Batches(n, batchSize))
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Tensor x = epochX.narrow(1, start, length), y = epochY.narrow(1, start, length);
                var (losses, gradients) = perExample ? PerExampleStep(pack, x, y, settings.Clip) : BatchStep(pack, x, y, settings.Clip);
                rule.Step(schedules[0].Alpha(step), schedules.Select(schedule => schedule.Sigma(step)).ToArray(), gradients);
                stepLosses.Add(losses.MoveToOuterDisposeScope());
                for (int s = 0; s < count; s++)
                    if (logs[s].DivergedAt is null) logs[s].Record(schedules[s], step, orders[s][start..(start + length)]);
                step++;
            }
            double[] read = HostCopy.ToArray<double>(stack(stepLosses).to(float64)); // [steps, members], row-major
            bool checkpointDue = false;
            for (int s = 0; s < count; s++)
            {
                if (logs[s].DivergedAt is not null) continue;
                double[] losses = Enumerable.Range(0, stepLosses.Count).Select(t => read[t * count + s]).ToArray();
                // A NaN or infinite loss ends this member's training at the first such step; the steps after it (taken on
                // a diverged model, which is never measured) are cut from its log.
                if (Array.FindIndex(losses, value => !double.IsFinite(value)) is var bad and >= 0)
                {
                    logs[s].Diverge(epochFirstStep + bad);
                    continue;
                }
                double epochLoss = losses.Average();
                logs[s].EpochLosses.Add(epochLoss);
                members[s].Progress?.Report(new TrialProgress(epoch, settings.Epochs, epochLoss));
                checkpointDue |= members[s].Checkpoint?.IsDue(epoch, settings.Epochs) == true;
            }
            if (!checkpointDue) continue;
            pack.WriteMembers();
            for (int s = 0; s < count; s++)
                if (logs[s].DivergedAt is null)
                    members[s].Checkpoint?.Save(epoch, logs[s].EpochLosses, members[s].Model, members[s].Model.Noise, rule);
        }
        pack.WriteMembers();
        return members.Select((m, s) => logs[s].ToLog(pack.TrainedValues.shape[1], m.Model)).ToList();
    }

    /// <summary>Restores every member from its checkpoint when all of them saved the same epoch, and returns that epoch
    /// and each member's losses. A pack whose members saved different epochs (or not all) cannot go on together: their
    /// checkpoints are removed and the pack starts over, as it would without checkpoints.</summary>
    private static (int Epoch, List<double>[] Losses)? Restore(IReadOnlyList<TrainingMember> members, PackedMlp pack, IUpdateRule rule)
    {
        var saved = members.Select(m => m.Checkpoint?.SavedEpoch()).ToArray();
        if (saved.All(epoch => epoch is null)) return null;
        if (saved.Distinct().Count() > 1)
        {
            foreach (var member in members) member.Checkpoint?.Remove();
            return null;
        }
        var losses = new List<double>[members.Count];
        for (int s = 0; s < members.Count; s++)
        {
            var member = members[s];
            losses[s] = member.Checkpoint!.TryRestore(member.Model, member.Model.Noise, rule)?.EpochLosses
                ?? throw new InvalidDataException($"The checkpoint {member.Checkpoint.FilePath} could not be read; it was removed and its trial starts over on its next attempt.");
        }
        pack.ReadMembers();
        return (saved[0]!.Value, losses);
    }

    /// <summary>One epoch's order of the n examples, from a member's batch-order stream; its <see cref="Batches"/> are
    /// the epoch's minibatches. Training and checkpoint replay both draw it here, so a replayed epoch's batches are the
    /// ones it trained on.</summary>
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

    /// <summary>Each member's mean cross-entropy over its batch: logits [S, b, C], labels [S, b] to losses [S].</summary>
    private static Tensor MemberLosses(Tensor logits, Tensor labels) =>
        nn.functional.cross_entropy(logits.transpose(1, 2), labels, reduction: nn.Reduction.None).mean([1]);

    /// <summary>Differentiates every member's mean loss (their sum: member s's parameters see only its own) and clips
    /// each member's batch gradient to K (when K &gt; 0); returns the losses [S], detached, and the flat gradients [S, P].</summary>
    private static (Tensor Losses, Tensor Gradients) BatchStep(PackedMlp pack, Tensor x, Tensor y, double clip)
    {
        Tensor losses = MemberLosses(pack.Output(pack.NoisyFeatures(x)), y);
        Tensor gradients = pack.Flat(autograd.grad([losses.sum()], pack.TrainedParameters.Cast<Tensor>().ToList()));
        if (clip > 0) GradientClipping.ClipMemberNorms(gradients, clip);
        return (losses.detach(), gradients);
    }

    /// <summary>Frozen hidden layers: the noisy features come through the stack under no_grad (fresh noise and
    /// dropout as in training) and the output layer's clipped per-example gradient is taken in closed form.</summary>
    private static (Tensor Losses, Tensor Gradients) PerExampleStep(PackedMlp pack, Tensor x, Tensor y, double clip)
    {
        using var noGrad = no_grad();
        Tensor features = pack.NoisyFeatures(x);
        Tensor logits = pack.Output(features);
        var (weight, bias) = PerExampleClipping.BatchGradient(logits, features, y, clip);
        return (MemberLosses(logits, y), pack.Flat([weight.transpose(1, 2), bias])); // the pack holds W^T
    }
}
