using System.Diagnostics;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Benchmarks;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;

// Coordinator overhead per trial: a one-process cluster with a no-op runner, against the pure SweepState
// transitions for the same trials run in this process (the floor any coordinator shares).
int trials = args.Length > 0 ? int.Parse(args[0]) : 2000;
int slots = args.Length > 1 ? int.Parse(args[1]) : 2;
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
    var result = new SweepCluster.Core.Trials.TrialResult { TrialId = trial.Id.Value, Config = trial.Config, Status = SweepCluster.Core.Trials.TrialStatus.Completed };
    state = state.ApplyAll(state.Process(new ReportTrialResult("w", trial.Id, 1, result)));
}
double pureMs = pure.Elapsed.TotalMilliseconds / trials;

var sink = new CountingSink();
var options = new SweepClusterOptions { Port = 0, Slots = slots, Devices = "cpu", ThreadsPerSlot = 1 };
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddAkka(options.ActorSystemName, akka =>
{
    akka.AddHocon("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR", HoconAddMode.Prepend);
    akka.ConfigureSweepCluster(options);
    akka.AddSweepCoordinator(new SweepPlan("benchmark", "name: benchmark", plan), sink, options.CoordinatorSettings());
    akka.AddTrialWorkers(new NoOpRunner(), options.PlanSlots([], Environment.ProcessorCount));
});
using var host = builder.Build();
var startup = Stopwatch.StartNew();
await host.StartAsync();
var summary = await sink.Finished;
double clusterMs = startup.Elapsed.TotalMilliseconds;
await host.StopAsync();

Console.WriteLine($"trials {trials}, slots {slots}, completed {summary.Completed}");
Console.WriteLine($"pure SweepState transitions: {pureMs:F3} ms per trial");
Console.WriteLine($"one-process cluster, no-op runner, start to finish: {clusterMs:F0} ms, {clusterMs / trials:F3} ms per trial");
Console.WriteLine($"ratio cluster / pure state: {clusterMs / trials / pureMs:F1}");
