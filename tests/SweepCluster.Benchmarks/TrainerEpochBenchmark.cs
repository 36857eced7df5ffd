using System.Diagnostics;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Model;
using SweepCluster.Training.Running;
using static TorchSharp.torch;

namespace SweepCluster.Benchmarks;

/// <summary>Time per training epoch of the trial runner against a bare TorchSharp loop of the same model (same shape,
/// noise, clipping and noisy SGD update, batches taken from one permutation per epoch, the loss read once per epoch):
/// what the trainer's bookkeeping (step log, batch log, divergence check) costs. One thread, as a default CPU slot;
/// the two are interleaved and the minimum of the repeats is kept.</summary>
internal static class TrainerEpochBenchmark
{
    internal const int TrainSize = 1000, BatchSize = 64, Epochs = 20, Dimension = 10, Classes = 4;
    internal const double LearningRate = 0.05, Clip = 1.0, SgldNoise = 0.017, ActNoise = 1.0;

    public static void Run(int repeats)
    {
        set_num_threads(1);
        Console.WriteLine($"trainer vs bare TorchSharp loop, ms per epoch (n {TrainSize}, batch {BatchSize}, {Epochs} epochs, tanh, act_noise {ActNoise}, " +
                          $"sgld {SgldNoise}, clip {Clip}, 1 thread, min of {repeats}):");
        Console.WriteLine($"  {"mode",-16} {"depth",5} {"width",5} {"trainer",9} {"bare",9} {"ratio",6}");
        foreach (var mode in new[] { TrainingMode.EndToEnd, TrainingMode.FrozenFeatures })
        foreach (var (depth, width) in new[] { (2, 4), (6, 4), (2, 16), (6, 16), (6, 64) })
        {
            double trainer = double.MaxValue, bare = double.MaxValue;
            for (int r = 0; r < repeats; r++)
            {
                trainer = Math.Min(trainer, TrainerEpochMs(Config(depth, width, mode, seed: r)));
                bare = Math.Min(bare, BareEpochMs(depth, width, mode, seed: r));
            }
            Console.WriteLine($"  {mode.Word(),-16} {depth,5} {width,5} {trainer,9:F3} {bare,9:F3} {trainer / bare,6:F2}");
        }
        FirstEpoch(repeats);
    }

    /// <summary>A trial's first epoch against its later ones: the training phase of a 1-epoch trial, and that of a
    /// (1 + Epochs)-epoch trial less it, per epoch (same seed, interleaved, min of the repeats); with the trial's setup
    /// before training (data and model), which its timings count apart.</summary>
    private static void FirstEpoch(int repeats)
    {
        Console.WriteLine($"a trial's first epoch against its later ones, ms (end_to_end, min of {repeats}):");
        Console.WriteLine($"  {"depth",5} {"width",5} {"setup",9} {"first",9} {"later",9} {"ratio",6}");
        foreach (var (depth, width) in new[] { (2, 4), (6, 4), (6, 16), (6, 64) })
        {
            double setup = double.MaxValue, one = double.MaxValue, many = double.MaxValue;
            for (int r = 0; r < repeats; r++)
            {
                var config = Config(depth, width, TrainingMode.EndToEnd, seed: r);
                var first = Timings(config with { Training = config.Training with { Epochs = 1 } });
                (setup, one) = (Math.Min(setup, first.DataSeconds * 1000), Math.Min(one, first.TrainSeconds * 1000));
                many = Math.Min(many, Timings(config with { Training = config.Training with { Epochs = 1 + Epochs } }).TrainSeconds * 1000);
            }
            double later = (many - one) / Epochs;
            Console.WriteLine($"  {depth,5} {width,5} {setup,9:F3} {one,9:F3} {later,9:F3} {one / later,6:F2}");
        }
    }

    internal static TrialConfig Config(int depth, int width, TrainingMode mode, int seed) => new()
    {
        Dataset = new DatasetSettings { Classes = Classes, Dimension = Dimension, Separation = 4.0, TestSize = 200 },
        Model = new ModelSettings(),
        Training = new TrainingSettings
        {
            Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, Clip = Clip, Mode = mode, Optimizer = OptimizerKind.Sgld,
            // The bare loop clips the batch gradient, so the trainer does too.
            Clipping = ClippingMode.Batch,
        },
        Information = new InformationSettings { EvalPoints = 16, NoisePaths = 1, ErrorDraws = 1 },
        Depth = depth, Width = width, ActNoise = ActNoise, SgldNoise = SgldNoise, TrainSize = TrainSize, Seed = seed,
    };

    private static double TrainerEpochMs(TrialConfig config) => Timings(config).TrainSeconds * 1000 / config.Training.Epochs;

    private static TrialTimings Timings(TrialConfig config)
    {
        var result = new TorchTrialRunner().Run(TrialIdentity.Of(config), config, new TrialRunContext("cpu", 1), CancellationToken.None);
        if (result.Status != TrialStatus.Completed) throw new InvalidOperationException($"benchmark trial failed: {result.FailureReason}");
        return result.Timings!;
    }

    private static double BareEpochMs(int depth, int width, TrainingMode mode, int seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed + 1);
        Tensor x = randn([TrainSize, Dimension], generator: generator);
        Tensor y = randint(Classes, [TrainSize], dtype: int64, generator: generator);
        using var model = new NoisyMlp(new NoisyMlpShape(Dimension, depth, width, Classes, ActivationKind.Tanh, ActNoise, 0, 0), generator, generator);
        var trained = (mode == TrainingMode.FrozenFeatures ? model.OutputParameters() : model.parameters()).ToList();
        if (mode == TrainingMode.FrozenFeatures)
            foreach (var p in model.HiddenParameters()) p.requires_grad = false;
        model.train();
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            Tensor order = randperm(TrainSize, generator: generator);
            Tensor lossSum = zeros(1);
            for (int start = 0; start < TrainSize; start += BatchSize)
            {
                using var stepScope = NewDisposeScope();
                Tensor index = order.narrow(0, start, Math.Min(BatchSize, TrainSize - start));
                Tensor loss = nn.functional.cross_entropy(model.forward(x.index_select(0, index)), y.index_select(0, index));
                foreach (var p in trained) p.grad?.zero_();
                loss.backward();
                nn.utils.clip_grad_norm_(trained, Clip);
                using (no_grad())
                {
                    foreach (var p in trained)
                    {
                        p.add_(p.grad!, alpha: -LearningRate);
                        p.add_(randn(p.shape, generator: generator), alpha: SgldNoise);
                    }
                    lossSum.add_(loss.detach());
                }
            }
            _ = lossSum.item<float>();
        }
        return clock.Elapsed.TotalMilliseconds / Epochs;
    }
}
