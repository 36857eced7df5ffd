using System.Diagnostics;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Telemetry;

namespace SweepCluster.Telemetry.Tests;

public sealed class TrialSpanTests
{
    [Fact]
    public void A_trial_span_carries_its_configuration_and_one_child_per_phase_without_becoming_current()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MetricNames.Prefix,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) stopped.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        var config = new TrialConfig
        {
            Dataset = new DatasetSettings(), Model = new ModelSettings(), Training = new TrainingSettings(),
            Information = new InformationSettings(), Depth = 3, Width = 16, ActNoise = 0.5, TrainSize = 100, Seed = 7,
        };

        var span = TrialSpans.Start(new TrialId("span-test"), config, 1, "node/slot-0", "cpu");
        Assert.NotNull(span);
        Assert.Null(Activity.Current);
        var result = new TrialResult
        {
            TrialId = new("span-test"), Config = config, Status = TrialStatus.Completed,
            Timings = new TrialTimings { DataSeconds = 1, TrainSeconds = 2, EvaluateSeconds = 3, EstimateSeconds = 4, TotalSeconds = 10 },
        };
        TrialSpans.End(span, result, null);

        List<Activity> mine;
        lock (stopped) mine = stopped.Where(a => a.TraceId == span.TraceId).ToList();
        var trial = Assert.Single(mine, a => a.OperationName == "trial");
        Assert.Equal(3, trial.GetTagItem("trial.depth"));
        Assert.Equal(0.5, trial.GetTagItem("trial.act_noise"));
        Assert.Equal("completed", trial.GetTagItem("trial.status"));
        // Dashboards and trace queries name these tags: their names, order and value types are part of the output.
        Assert.Equal(
            ["trial.id", "trial.attempt", "trial.depth", "trial.width", "trial.act_noise", "trial.sgld_noise", "trial.label_noise",
             "trial.dropout", "trial.input_noise", "trial.train_size", "trial.seed", "trial.mode", "trial.optimizer",
             "worker.id", "worker.device", "trial.status"],
            trial.TagObjects.Select(t => t.Key));
        Assert.Equal(
            [typeof(int), typeof(int), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double), typeof(int)],
            trial.TagObjects.Skip(2).Take(8).Select(t => t.Value!.GetType()));
        var phases = mine.Where(a => a.ParentSpanId == trial.SpanId).OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(["data", "training", "evaluation", "estimation"], phases.Select(a => a.OperationName));
        Assert.Equal(TimeSpan.FromSeconds(2), phases[1].Duration);
        Assert.Equal(phases[0].StartTimeUtc + phases[0].Duration, phases[1].StartTimeUtc);
        Assert.Null(Activity.Current);
    }
}
