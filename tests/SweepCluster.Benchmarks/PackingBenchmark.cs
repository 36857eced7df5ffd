using System.Diagnostics;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Running;
using static TorchSharp.torch;

namespace SweepCluster.Benchmarks;

/// <summary>Trials per second of one CPU slot (one thread) running a grid one trial at a time against the same grid in
/// packs of S (trials grouped by pack key in plan order, as the coordinator hands them out), every trial trained,
/// evaluated and estimated: the quickstart grid, and width-4 nets with 32 seeds. The baseline runs in the same process
/// first; the training seconds are shown apart, since packing batches the training only.</summary>
internal static class PackingBenchmark
{
    public static void Run(IReadOnlyList<int> packSizes)
    {
        set_num_threads(1);
        Console.WriteLine($"packed vs one-at-a-time trials, 1 slot, 1 thread (load average {BenchmarkHost.LoadAverage()}):");
        Console.WriteLine($"  {"grid",-22} {"trials",6} {"pack",5} {"seconds",8} {"trials/s",9} {"data s",7} {"train s",8} {"eval s",7} {"est. s",7} {"speedup",8} {"train speedup",14}");
        Measure("quickstart", SpecLoader.Load(Path.Combine(BenchmarkHost.RepositoryRoot(), "cluster-config/sweeps/quickstart.yaml")), packSizes);
        Measure("width 4 x 32 seeds", SpecLoader.Parse(Width4With32Seeds, "width-4-32-seeds.yaml"), packSizes);
    }

    private static void Measure(string name, SweepSpec spec, IReadOnlyList<int> packSizes)
    {
        IReadOnlyList<PlannedTrial> trials = GridExpander.Expand(spec);
        Phases baseline = RunAll(trials, pack: 1);
        foreach (int size in packSizes.Prepend(1))
        {
            Phases run = size == 1 ? baseline : RunAll(trials, size);
            Console.WriteLine($"  {name,-22} {trials.Count,6} {size,5} {run.Seconds,8:F1} {trials.Count / run.Seconds,9:F2} {run.Data,7:F1} {run.Train,8:F1} " +
                              $"{run.Evaluate,7:F1} {run.Estimate,7:F1} {baseline.Seconds / run.Seconds,8:F2} {baseline.Train / run.Train,14:F2}");
        }
    }

    /// <summary>Wall seconds of a whole run and the summed seconds of each trial phase.</summary>
    private sealed record Phases(double Seconds, double Data, double Train, double Evaluate, double Estimate);

    /// <summary>Runs every trial in packs of at most <paramref name="pack"/>.</summary>
    private static Phases RunAll(IReadOnlyList<PlannedTrial> trials, int pack)
    {
        var runner = new TorchTrialRunner();
        var context = new TrialRunContext("cpu", 1);
        var clock = Stopwatch.StartNew();
        var timings = new List<TrialTimings>();
        foreach (var members in Packs(trials, pack))
            foreach (var result in runner.RunPack(members, context, CancellationToken.None))
            {
                if (result.Status != TrialStatus.Completed) throw new InvalidOperationException($"benchmark trial failed: {result.FailureReason}");
                timings.Add(result.Timings!);
            }
        return new Phases(clock.Elapsed.TotalSeconds, timings.Sum(t => t.DataSeconds), timings.Sum(t => t.TrainSeconds),
            timings.Sum(t => t.EvaluateSeconds), timings.Sum(t => t.EstimateSeconds));
    }

    /// <summary>Trials of one pack key in plan order, cut into packs of at most <paramref name="size"/>; a trial without
    /// a key runs alone.</summary>
    private static IEnumerable<IReadOnlyList<PackMember>> Packs(IReadOnlyList<PlannedTrial> trials, int size) =>
        trials
            .GroupBy(t => TrialPacking.Key(t.Config) ?? t.Id.Value)
            .SelectMany(group => group.Chunk(size))
            .Select(chunk => (IReadOnlyList<PackMember>)chunk.Select(t => new PackMember(t.Id, t.Config)).ToList());

    /// <summary>The quickstart's settings with narrow nets and many seeds: 4 depths x 32 seeds of width-4 tanh nets.</summary>
    private const string Width4With32Seeds = """
        name: width-4-32-seeds
        dataset: {kind: synthetic, classes: 4, dimension: 10, separation: 4.0, test_size: 1000}
        model: {activation: tanh}
        training: {optimizer: sgld, learning_rate: 0.05, epochs: 20, batch_size: 64, clip: 1.0}
        information: {eval_points: 128}
        grid:
          depth: [1, 2, 4, 6]
          width: [4]
          act_noise: [1.0]
          mode: [end_to_end]
          sgld_noise: [0.017]
          train_size: 1000
        seeds: 32
        """;
}
