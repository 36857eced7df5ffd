using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Optimization;
using SweepCluster.Training.Running;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Tests;

/// <summary>A trial's numbers are a function of its configuration and seed alone: the same trial, run again and again
/// while other threads keep every core busy, with one or two torch threads, gives byte-identical results (timings and
/// the thread count echoed aside).</summary>
[Collection(TorchCollection.Name)]
public sealed class DeterminismUnderLoadTests
{
    /// <summary>A narrow net like the quickstart's, and one large enough that its products and reductions are split over
    /// threads (a 120-dimensional input, width 64, 2,000-row evaluation chunks).</summary>
    public static TheoryData<string> Sizes => ["narrow", "wide"];

    private static TrialConfig Config(string size)
    {
        var small = TrialConfigs.Small(depth: 2, width: 8, actNoise: 0.5);
        var narrow = small with { SgldNoise = 0.001, Training = small.Training with { Clip = 1.0 } };
        return size == "narrow" ? narrow : narrow with
        {
            Depth = 3,
            Width = 64,
            Dataset = small.Dataset with { Dimension = 120, TestSize = 2000 },
            Training = narrow.Training with { Epochs = 1, BatchSize = 128 },
            Information = small.Information with { EvalPoints = 50, NoisePaths = 2 },
            TrainSize = 2000,
        };
    }

    private static string Numbers(TrialResult result) =>
        TrialJson.Serialize(result with { Timings = null, Run = result.Run! with { Threads = 0 } });

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_same_trial_gives_identical_numbers_under_full_load_with_one_or_two_threads(string size)
    {
        var config = Config(size);
        var outputs = new List<string>();
        using (new BusyCores())
        {
            foreach (int threads in new[] { 1, 2, 1, 2, 1, 2 })
                outputs.Add(Numbers(new TorchTrialRunner().Run(new TrialId("t-load"), config, new TrialRunContext("cpu", threads), CancellationToken.None)));
        }
        Assert.All(outputs, output => Assert.Equal(outputs[0], output));
    }

    [Fact]
    public void The_clipping_norms_of_a_pack_are_identical_for_one_and_two_threads()
    {
        using var generator = new Generator(7);
        using var scope = NewDisposeScope();
        Tensor gradients = randn([2, 160000], generator: generator);

        var norms = new List<double[]>();
        foreach (int threads in new[] { 1, 2, 1, 2 })
        {
            set_num_threads(threads);
            norms.Add(GradientClipping.ClipMemberNorms(gradients, maxNorm: 1e9).data<double>().ToArray());
        }
        set_num_threads(1);

        Assert.All(norms, pair => Assert.Equal(norms[0].Select(BitConverter.DoubleToInt64Bits), pair.Select(BitConverter.DoubleToInt64Bits)));
        // The float64 row sums agree with each member's plain norm up to float32 input rounding.
        for (int s = 0; s < 2; s++)
        {
            double expected = Math.Sqrt(gradients[s].square().sum().item<float>());
            Assert.Equal(expected, norms[0][s], expected * 1e-5);
        }
    }

    [Fact]
    public void The_native_environment_is_set_before_libtorch_starts()
    {
        Assert.Equal(NativeTorchEnvironment.MklBranch, NativeTorchEnvironment.MklSetting);
        Assert.Equal("PASSIVE", NativeTorchEnvironment.OpenMpWaitSetting);
    }

    /// <summary>Two spinning threads per core for as long as it lives.</summary>
    private sealed class BusyCores : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread[] _threads;

        public BusyCores()
        {
            _threads = Enumerable.Range(0, 2 * Environment.ProcessorCount).Select(_ => new Thread(Spin) { IsBackground = true }).ToArray();
            foreach (var thread in _threads) thread.Start();
        }

        private void Spin()
        {
            double x = 1;
            while (!_stop.IsCancellationRequested) x = Math.Sqrt(x + 1);
            GC.KeepAlive(x);
        }

        public void Dispose()
        {
            _stop.Cancel();
            foreach (var thread in _threads) thread.Join();
            _stop.Dispose();
        }
    }
}
