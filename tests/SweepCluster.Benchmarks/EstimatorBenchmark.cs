using System.Diagnostics;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Information;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Running;
using static TorchSharp.torch;

namespace SweepCluster.Benchmarks;

/// <summary>The information estimates, tensor kernel against Core's reference loop in the same run: (1) a trial's
/// estimate phase at N = 1000 evaluation points and M = 32 noise paths (the same trial run with each kernel; the phase
/// is every layer's I(X;T) and I(Y;T) bounds plus Fano's I(Y;T_L) on training points), (2) one pairwise bound at
/// N M = 4096 rows of width 64. Prints times, the ratio and the largest relative difference between the two kernels.</summary>
internal static class EstimatorBenchmark
{
    public static void Run(int depth, int width)
    {
        NativeTorchEnvironment.Configure(); // before libtorch starts: the product's reproducible native math
        int threads = Environment.ProcessorCount;
        Console.WriteLine($"{threads} threads (torch and the reference's Parallel.For)");
        var floor = MachineFloor.Measure(threads);
        Console.WriteLine(floor);
        ConsistentEstimateCost(depth, width, threads, floor);
        EstimatePhase(depth, width, threads);
        PairwiseBound(threads, floor);
    }

    private static void EstimatePhase(int depth, int width, int threads)
    {
        var config = TrialConfig(depth, width);
        // Wall time of the estimate phase as the trial reports it, and the process's CPU time over the whole trial (one
        // epoch of training is a few percent of it): on a shared, loaded machine the CPU time is the steadier figure.
        (TrialResult Result, double CpuSeconds) Trial(PairwiseKernel kernel)
        {
            TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
            var result = new TorchTrialRunner(kernel).Run(
                new TrialId("bench-estimator"), config, new TrialRunContext("cpu", threads), CancellationToken.None);
            return (result, (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds);
        }

        var tensorFirst = Trial(PairwiseKernel.Tensor);
        var reference = Trial(PairwiseKernel.Reference);
        var tensorSecond = Trial(PairwiseKernel.Tensor);
        double tensorSeconds = Math.Min(tensorFirst.Result.Timings!.EstimateSeconds, tensorSecond.Result.Timings!.EstimateSeconds);
        double tensorCpu = Math.Min(tensorFirst.CpuSeconds, tensorSecond.CpuSeconds);
        double referenceSeconds = reference.Result.Timings!.EstimateSeconds;
        double difference = reference.Result.Layers.Zip(tensorSecond.Result.Layers, LayerDifference).Max();
        Console.WriteLine($"estimate phase, N = {config.Information.EvalPoints}, M = {config.Information.NoisePaths}, depth {depth}, width {width}: " +
                          $"reference {referenceSeconds:F2} s, tensor {tensorSeconds:F2} s (best of 2), {referenceSeconds / tensorSeconds:F1}x; " +
                          $"CPU time of the trial: reference {reference.CpuSeconds:F1} s, tensor {tensorCpu:F1} s, {reference.CpuSeconds / tensorCpu:F1}x; " +
                          $"largest relative difference of a layer value {difference:E1}");
    }

    /// <summary>The estimate phase with the consistent estimate i_x_t at its default paths and draws against the same
    /// phase with 2 paths and 1 draw (the pairwise bracket and Fano as before, plus about 1/256 of the i_x_t work):
    /// interleaved, best of 2 each, so a load change hits both.</summary>
    private static void ConsistentEstimateCost(int depth, int width, int threads, MachineFloor floor)
    {
        var full = TrialConfig(depth, width);
        var without = full with { Information = full.Information with { MixturePaths = 2, MixtureDraws = 1 } };
        double Phase(TrialConfig config) => new TorchTrialRunner(PairwiseKernel.Tensor)
            .Run(new TrialId("bench-consistent"), config, new TrialRunContext("cpu", threads), CancellationToken.None)
            .Timings!.EstimateSeconds;
        var withTimes = new List<double>();
        var withoutTimes = new List<double>();
        for (int round = 0; round < 2; round++)
        {
            withoutTimes.Add(Phase(without));
            withTimes.Add(Phase(full));
        }
        double a = withoutTimes.Min(), b = withTimes.Min();
        Console.WriteLine($"estimate phase, N = {full.Information.EvalPoints}, M = {full.Information.NoisePaths}, depth {depth}, width {width}: " +
                          $"pairwise bracket alone (i_x_t at 2 paths, 1 draw) {a:F2} s, with i_x_t " +
                          $"({InformationSettings.DefaultMixturePaths} paths, {InformationSettings.DefaultMixtureDraws} draws) {b:F2} s " +
                          $"(best of 2 each, interleaved), {b / a:F2}x");
        double pairs = BracketPairs(full);
        Console.WriteLine($"  the bracket's all-pairs floor on this CPU: {floor.PairSeconds(pairs, width):F2} s for {pairs:E2} pairs " +
                          $"(one float64 exp and 2 (w + 2) flops each); the bracket-alone phase takes {a / floor.PairSeconds(pairs, width):F1}x its floor");
    }

    /// <summary>The pairs the estimate phase's pairwise bracket visits (as LayerInformationProbe calls it): layer 1 on
    /// the N inputs alone (exact: no noise upstream, no input noise here), every deeper layer on N M rows, and the last
    /// layer once more on N M training rows for Fano.</summary>
    private static double BracketPairs(TrialConfig config)
    {
        long n = config.Information.EvalPoints, rows = config.Depth > 1 ? n * config.Information.NoisePaths : n;
        return MachineFloor.TilePairs(n) + (config.Depth - 1) * MachineFloor.TilePairs(rows) + MachineFloor.TilePairs(rows);
    }

    private static void PairwiseBound(int threads, MachineFloor floor)
    {
        const int inputs = 128, paths = 32, width = 64, classes = 10;
        var random = new Random(7);
        float[] values = new float[inputs * paths * width];
        var bases = Enumerable.Range(0, inputs * width).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        for (int row = 0; row < inputs * paths; row++)
            for (int c = 0; c < width; c++)
                values[row * width + c] = (float)Math.Tanh(2 * bases[row % inputs * width + c] + 0.5 * (random.NextDouble() - 0.5));
        int[] labels = Enumerable.Range(0, inputs).Select(i => i % classes).ToArray();
        int[] inputOf = Enumerable.Range(0, inputs * paths).Select(row => row % inputs).ToArray();
        const double s = 1.0;
        set_num_threads(threads);
        using Tensor centers = tensor(values, [inputs * paths, width]);

        LabelledMixtureInformation tensorResult = null!;
        var tensorTimes = Enumerable.Range(0, 3).Select(_ => Seconds(() =>
            tensorResult = PairwiseMixtureBounds.Combine(TensorRowLogSums.Compute(centers, s, inputs, labels), inputOf, labels))).ToArray();
        var matrix = new Core.Data.SampleMatrix(values.Select(v => (double)v).ToArray(), inputs * paths, width);
        LabelledMixtureInformation referenceResult = null!;
        var (referenceSeconds, referenceCpu) = Seconds(() => referenceResult = PairwiseMixtureBounds.EstimateWithLabels(matrix, s, inputOf, labels));
        double tensorSeconds = tensorTimes.Min(time => time.Wall), tensorCpu = tensorTimes.Min(time => time.Cpu);
        double difference = new[]
        {
            Relative(referenceResult.X.Lower, tensorResult.X.Lower), Relative(referenceResult.X.Upper, tensorResult.X.Upper),
            Relative(referenceResult.YLower, tensorResult.YLower), Relative(referenceResult.YUpper, tensorResult.YUpper),
        }.Max();
        Console.WriteLine($"pairwise bound with I(Y;T), N M = {inputs * paths} ({inputs} x {paths}), w = {width}, {classes} classes: " +
                          $"tensor {tensorSeconds:F3} s (best of 3), reference {referenceSeconds:F2} s, {referenceSeconds / tensorSeconds:F1}x; " +
                          $"CPU time: tensor {tensorCpu:F3} s, reference {referenceCpu:F2} s; " +
                          $"largest relative difference {difference:E1}");
        double pairs = MachineFloor.TilePairs(inputs * paths), least = floor.PairSeconds(pairs, width);
        Console.WriteLine($"  its all-pairs floor on this CPU: {least * 1000:F1} ms for {pairs:E2} pairs; the tensor kernel takes {tensorSeconds / least:F1}x its floor");
    }

    /// <summary>The quickstart's data and net, with the evaluation set and noise paths of an accurate experiment; one
    /// epoch of training, since only the estimate phase is timed.</summary>
    private static TrialConfig TrialConfig(int depth, int width) => new()
    {
        Dataset = new DatasetSettings { Classes = 4, Dimension = 10, Separation = 4.0, TestSize = 1000 },
        Model = new ModelSettings(),
        Training = new TrainingSettings { Optimizer = OptimizerKind.Sgld, Epochs = 1, BatchSize = 64, Clip = 1.0 },
        Information = new InformationSettings { EvalPoints = 1000, NoisePaths = 32 },
        Depth = depth,
        Width = width,
        ActNoise = 1.0,
        SgldNoise = 0.017,
        TrainSize = 1000,
        Seed = 1,
    };

    private static double LayerDifference(LayerInformation reference, LayerInformation tensor) => new[]
    {
        Relative(reference.IXTLower, tensor.IXTLower), Relative(reference.IXTUpper, tensor.IXTUpper),
        Relative(reference.IYT, tensor.IYT), Relative(reference.IYTLower ?? 0, tensor.IYTLower ?? 0),
        Relative(reference.IYTUpper ?? 0, tensor.IYTUpper ?? 0), Relative(reference.IXTUpperSe ?? 0, tensor.IXTUpperSe ?? 0),
    }.Max();

    private static double Relative(double expected, double actual) =>
        expected == actual ? 0 : Math.Abs(expected - actual) / Math.Max(Math.Abs(expected), 1e-12);

    private static (double Wall, double Cpu) Seconds(Action action)
    {
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        return (clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
