using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Results;

/// <summary>Hand-built trial results with every field set, so flattening and folding see real shapes.</summary>
internal static class SampleResults
{
    public static TrialConfig Config(int depth, int seed, int width = 32, double actNoise = 0.1) => new()
    {
        Dataset = new DatasetSettings { ClassSubset = [3, 5] },
        Model = new ModelSettings(),
        Training = new TrainingSettings { Optimizer = OptimizerKind.Sgld, LearningRate = 0.01, Clip = 1.0 },
        Information = new InformationSettings(),
        Depth = depth,
        Width = width,
        ActNoise = actNoise,
        SgldNoise = 0.001,
        TrainSize = 500,
        Seed = seed,
    };

    /// <summary>A completed trial whose numbers are simple functions of (depth, seed), so tests can predict them.</summary>
    public static TrialResult Completed(int depth, int seed, int width = 32, double actNoise = 0.1, double? bIsmi = null)
    {
        var trainError = 0.01 * depth + 0.003 * seed;
        var testError = 0.1 + 0.02 * depth - 0.004 * seed * seed;
        var layers = Enumerable.Range(1, depth).Select(l => new LayerInformation
        {
            Layer = l,
            Estimator = LayerEstimator.Pairwise,
            IXTLower = 4.0 - 0.5 * l - 0.1 * seed,
            IXTUpper = 4.5 - 0.5 * l + 0.07 * seed,
            IYT = 1.2 - 0.1 * l + 0.005 * seed,
            Saturated = false,
            EtaAnalytic = 0.9 - 0.01 * seed,
            EtaEmpirical = l == 1 ? null : 0.8 + 0.02 * seed,
            Kind = l == 1 ? LayerInformationKind.Exact : LayerInformationKind.MonteCarlo,
            IXTUpperSe = l == 1 ? null : 0.01 * l,
            IXTUpperDpi = 4.5 - 0.5 * l + 0.07 * seed,
            IYTLower = 1.0 - 0.1 * l,
            IYTUpper = 1.3 - 0.1 * l + 0.01 * seed,
        }).ToList();
        return new TrialResult
        {
            TrialId = new($"t-w{width}-s{actNoise}-d{depth}-seed{seed}"),
            Config = Config(depth, seed, width, actNoise),
            Status = TrialStatus.Completed,
            Run = new TrialRunEcho
            {
                Classes = 4, InputDimension = 20, Steps = 1000, Parameters = 5000, TrainedParameters = 5000,
                OutputParameters = 132, LossSigma = 0.5, AlphaFirst = 0.01, AlphaLast = 0.01,
                SigmaFirst = 0.001, SigmaLast = 0.001, Device = "cpu", Threads = 1, Dataset = "synthetic",
            },
            TrainError = trainError,
            TestError = testError,
            Gap = testError - trainError,
            TrainLoss = 0.3 + 0.01 * seed,
            TestLoss = 0.5 + 0.02 * depth + 0.005 * seed,
            LossGap = 0.2 + 0.02 * depth - 0.005 * seed,
            Layers = layers,
            ISgld = new SgldInformation { Value = 12.5, OutputLayer = 3.5 },
            Bounds = new TrialBounds
            {
                BXrOut = new BoundValue { Value = 0.4 + 0.01 * seed, Vacuous = false, Certified = false },
                BPaper = new BoundValue { Value = 2.0 * Math.Pow(0.9, depth) + 0.05 * seed, Vacuous = true, Certified = false },
                BPaperAllParams = new BoundValue { Value = 9.0 + depth + 0.1 * seed, Vacuous = true, Certified = false },
                BPaperMeasured = new BoundValue { Value = 0.3 * Math.Pow(0.8, depth) + 0.02 * seed, Vacuous = false, Certified = false },
                BIsmi = bIsmi is { } b
                    ? new BoundValue { Value = b, Vacuous = false, Certified = true }
                    : BoundValue.Undefined("no injected noise"),
            },
            FanoLower = 0.01 + 0.001 * seed,
            Timings = new TrialTimings { DataSeconds = 0.1, TrainSeconds = 2, EvaluateSeconds = 0.3, EstimateSeconds = 1, TotalSeconds = 3.4 },
        };
    }

    public static TrialResult Failed(int depth, int seed, int width = 32, double actNoise = 0.1) => new()
    {
        TrialId = new($"t-w{width}-s{actNoise}-d{depth}-seed{seed}"),
        Config = Config(depth, seed, width, actNoise),
        Status = TrialStatus.Failed,
        FailureReason = "diverged at step 312, \"loss\" = NaN",
        // A failed trial's numbers are garbage; the aggregator must not average them in.
        TrainError = 0.99,
        TestError = 0.99,
        Gap = 0.5,
    };
}
