using System.Diagnostics;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;

namespace SweepCluster.Benchmarks;

/// <summary>Coordinator overhead per trial: a one-process cluster with a no-op runner (in-memory journal), against the
/// pure SweepState transitions for the same trials run in this process (the floor any coordinator shares).</summary>
internal static class CoordinatorOverheadBenchmark
{
    public static async Task RunAsync(int trials)
    {
        var plan = Enumerable.Range(0, trials).Select(seed =>
        {
            var config = new TrialConfig
            {
                Dataset = new DatasetSettings(), Model = new ModelSettings(), Training = new TrainingSettings(),
                Information = new InformationSettings(), Depth = 1 + seed % 8, Width = 16, TrainSize = 1000, Seed = seed,
            };
            return new PlannedTrial(TrialIdentity.Of(config), config);
        }).ToList();

        var pure = Stopwatch.StartNew();
        var state = SweepState.Empty.ApplyAll(SweepState.Empty.Process(new PlanTrials(plan, 2)));
        foreach (var trial in plan)
        {
            state = state.ApplyAll(state.Process(new RequestTrial("w", DateTimeOffset.UtcNow)));
            var result = new TrialResult { TrialId = trial.Id, Config = trial.Config, Status = TrialStatus.Completed };
            state = state.ApplyAll(state.Process(new ReportTrialResult("w", trial.Id, 1, result)));
        }
        double pureMs = pure.Elapsed.TotalMilliseconds / trials;

        var sink = new CountingSink();
        using var host = BenchmarkNode.Build(new SweepPlan("benchmark", "name: benchmark", plan), sink, new NoOpRunner(), journal: null);
        var startup = Stopwatch.StartNew();
        await host.StartAsync();
        var summary = await sink.Finished;
        double clusterMs = startup.Elapsed.TotalMilliseconds;
        await host.StopAsync();

        Console.WriteLine($"trials {trials}, slots 2, completed {summary.Completed}");
        Console.WriteLine($"pure SweepState transitions: {pureMs:F3} ms per trial");
        Console.WriteLine($"one-process cluster, no-op runner, start to finish: {clusterMs:F0} ms, {clusterMs / trials:F3} ms per trial");
        Console.WriteLine($"ratio cluster / pure state: {clusterMs / trials / pureMs:F1}");
    }
}
