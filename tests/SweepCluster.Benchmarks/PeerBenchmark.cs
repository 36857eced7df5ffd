using System.Diagnostics;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Running;
using static TorchSharp.torch;

namespace SweepCluster.Benchmarks;

/// <summary>SweepCluster's trainer against a PyTorch peer of the same model, data shapes and update
/// (torch_peer.py), one trial and a pack of 32, in the same run: ms per epoch of each and their ratio, and each one's
/// first epoch against its later ones. One torch thread each; the two are interleaved repeat by repeat, and the minimum
/// of the repeats is kept. Debian's python3-torch is installed when missing.</summary>
internal static class PeerBenchmark
{
    private const int PackSize = 32;

    /// <summary>(depth, width) settings timed by default.</summary>
    public static readonly (int Depth, int Width)[] Settings = [(2, 4), (6, 4), (6, 16), (6, 64), (4, 256)];

    public static int Run(int repeats, IReadOnlyList<(int Depth, int Width)> settings)
    {
        if (!TorchPeer.EnsureTorch()) return 1;
        set_num_threads(1);
        using var peer = TorchPeer.Start();
        Console.WriteLine($"SweepCluster's trainer vs PyTorch ({peer.Version}), ms per epoch of a pack (n {TrainerEpochBenchmark.TrainSize}, " +
                          $"batch {TrainerEpochBenchmark.BatchSize}, end_to_end, tanh, 1 thread, min of {repeats}), in CPU time (steadier on a shared " +
                          "machine) and on the wall clock; ratio > 1: SweepCluster slower; first/later: a trial's first epoch against its later ones (CPU):");
        Console.WriteLine($"  {"depth",5} {"width",5} {"pack",4} {"epochs",6} {"sweep cpu",9} {"torch cpu",9} {"ratio",6} {"sweep wall",10} {"torch wall",10} {"ratio",6} " +
                          $"{"sc first/later",14} {"torch first/later",17} {"load",5}");
        foreach (var (depth, width) in settings)
            foreach (int pack in new[] { 1, PackSize })
            {
                // Enough later epochs that the difference of two runs is well above the clock's noise, few for long ones.
                int later = pack == 1 ? 20 : 3;
                Clocks one = Clocks.Worst, many = Clocks.Worst;
                Epochs torchWall = Epochs.Worst, torchCpu = Epochs.Worst;
                for (int r = 0; r < repeats; r++)
                {
                    one = one.Min(TrainMs(depth, width, pack, seed: r * PackSize, epochs: 1));
                    many = many.Min(TrainMs(depth, width, pack, seed: r * PackSize, epochs: 1 + later));
                    var (wall, cpu) = peer.Train(depth, width, pack, later, seed: r);
                    (torchWall, torchCpu) = (torchWall.Min(wall), torchCpu.Min(cpu));
                }
                var (sweepWall, sweepCpu) = ((many.Wall - one.Wall) / later, (many.Cpu - one.Cpu) / later);
                Console.WriteLine($"  {depth,5} {width,5} {pack,4} {1 + later,6} {sweepCpu,9:F3} {torchCpu.Later,9:F3} {sweepCpu / torchCpu.Later,6:F2} " +
                                  $"{sweepWall,10:F3} {torchWall.Later,10:F3} {sweepWall / torchWall.Later,6:F2} " +
                                  $"{one.Cpu / sweepCpu,14:F2} {torchCpu.First / torchCpu.Later,17:F2} {BenchmarkHost.LoadAverage(),5}");
            }
        return 0;
    }

    /// <summary>A pack's first epoch and the mean of its later ones, in ms.</summary>
    internal sealed record Epochs(double First, double Later)
    {
        public static readonly Epochs Worst = new(double.MaxValue, double.MaxValue);

        public Epochs Min(Epochs other) => new(Math.Min(First, other.First), Math.Min(Later, other.Later));
    }

    /// <summary>Wall and CPU ms of a run.</summary>
    private sealed record Clocks(double Wall, double Cpu)
    {
        public static readonly Clocks Worst = new(double.MaxValue, double.MaxValue);

        public Clocks Min(Clocks other) => new(Math.Min(Wall, other.Wall), Math.Min(Cpu, other.Cpu));
    }

    /// <summary>The training loop of a fresh pack (same seeds for the same arguments); the data and models are made
    /// before the clocks start. A trial's first epoch is a 1-epoch pack's time, its later ones a longer pack's less it.</summary>
    private static Clocks TrainMs(int depth, int width, int pack, int seed, int epochs)
    {
        using var scope = NewDisposeScope();
        var trials = Enumerable.Range(seed, pack).Select(s =>
        {
            var config = TrainerEpochBenchmark.Config(depth, width, TrainingMode.EndToEnd, s);
            config = config with { Training = config.Training with { Epochs = epochs } };
            return PackedTrial.Create(new PackMember(TrialIdentity.Of(config), config), new TrialRunContext("cpu", 1), CPU);
        }).ToList();
        try
        {
            using var process = Process.GetCurrentProcess();
            TimeSpan cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            TrainingLoop.Train(trials.Select(t => t.Training).ToList(), CancellationToken.None);
            double wall = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            return new Clocks(wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        }
        finally
        {
            foreach (var trial in trials) trial.Dispose();
        }
    }

}
