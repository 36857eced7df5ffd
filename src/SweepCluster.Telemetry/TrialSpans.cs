using System.Diagnostics;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;

namespace SweepCluster.Telemetry;

/// <summary>The span of one trial attempt, tagged with its configuration, and its phases as child spans.</summary>
public static class TrialSpans
{
    /// <summary>A tag per per-point axis (depth, width, noise levels, train size), typed as the configuration holds
    /// it, so a new axis is tagged too; then the seed and the two settings a trace is usually filtered by.</summary>
    private static readonly IReadOnlyList<(string Tag, AxisDefinition Axis)> PointTags =
        GridAxes.PerPoint.Select(axis => ("trial." + axis.Name, axis)).ToList();

    /// <summary>Starts the trial's span without making it current: the caller is an actor whose thread serves
    /// other actors, so the span must not leak into their work. Null when no listener samples it.</summary>
    public static Activity? Start(TrialId trialId, TrialConfig config, int attempt, string workerId, string device)
    {
        var previous = Activity.Current;
        var activity = SweepTelemetry.ActivitySource.StartActivity("trial", ActivityKind.Internal, parentContext: default);
        Activity.Current = previous;
        if (activity is null) return null;
        activity.SetTag("trial.id", trialId.ToString());
        activity.SetTag("trial.attempt", attempt);
        foreach (var (tag, axis) in PointTags) activity.SetTag(tag, axis.Typed(config));
        activity.SetTag("trial.seed", config.Seed);
        activity.SetTag("trial.mode", config.Training.Mode.Word());
        activity.SetTag("trial.optimizer", config.Training.Optimizer.Word());
        activity.SetTag("worker.id", workerId);
        activity.SetTag("worker.device", device);
        return activity;
    }

    /// <summary>Ends the span with the trial's outcome and adds a child span per phase. The runner reports its phase
    /// timings in the result (Training cannot depend on Telemetry), so the phases are laid end to end from the
    /// trial's start: data, training, evaluation, estimation.</summary>
    public static void End(Activity? activity, TrialResult? result, string? error)
    {
        if (activity is null) return;
        if (result?.Timings is { } timings)
        {
            var start = activity.StartTimeUtc;
            start = Phase(activity, "data", start, timings.DataSeconds);
            start = Phase(activity, "training", start, timings.TrainSeconds);
            start = Phase(activity, "evaluation", start, timings.EvaluateSeconds);
            Phase(activity, "estimation", start, timings.EstimateSeconds);
        }
        if (result is not null) activity.SetTag("trial.status", result.Status.ToString().ToLowerInvariant());
        if (result?.FailureReason is { } reason) activity.SetStatus(ActivityStatusCode.Error, reason);
        if (error is not null) activity.SetStatus(ActivityStatusCode.Error, error);
        activity.Dispose();
    }

    private static DateTime Phase(Activity parent, string name, DateTime start, double seconds)
    {
        var previous = Activity.Current;
        using var phase = SweepTelemetry.ActivitySource.StartActivity(name, ActivityKind.Internal, parent.Context, startTime: start);
        Activity.Current = previous;
        var end = start + TimeSpan.FromSeconds(seconds);
        phase?.SetEndTime(end);
        return end;
    }
}
