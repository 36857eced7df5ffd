using Akka.Actor;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Telemetry;

/// <summary>Turns the coordinator's view of the sweep into metrics by observing it: ended trials (durations, failures)
/// through a subscription, and counts (phases, retries, discarded results, rate, ETA) by polling
/// <see cref="GetSweepStatus"/> once per <c>interval</c>. The curves are not folded here: the coordinator's
/// <see cref="Coordinator.ResultProjection"/> shows the rows the results folder folds.</summary>
public sealed class SweepObserver : ReceiveActor, IWithTimers
{
    private const string PollTimer = "poll";

    private readonly IActorRef _coordinator;
    private readonly TimeSpan _interval;
    private readonly SweepProgressModel _progress = new();

    public ITimerScheduler Timers { get; set; } = null!;

    public SweepObserver(IActorRef coordinator, TimeSpan interval)
    {
        _coordinator = coordinator;
        _interval = interval;
        Receive<Poll>(_ => PollCoordinator());
        Receive<SweepSubscribed>(_ => { });
        Receive<SweepStatusResponse>(Record);
        Receive<TrialEnded>(Record);
        Receive<SweepFinished>(_ => { });
    }

    public static Props Props(IActorRef coordinator, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new SweepObserver(coordinator, interval));

    public const string ActorName = "sweep-observer";

    protected override void PreStart()
    {
        PollCoordinator();
        Timers.StartPeriodicTimer(PollTimer, Poll.Instance, _interval);
    }

    private void PollCoordinator()
    {
        // Asked on every poll: the singleton may not be up yet, or may have moved to another node (a new incarnation
        // without this subscription); the coordinator keeps one subscription per observer however often it is asked.
        _coordinator.Tell(new SubscribeToSweep(Self));
        _coordinator.Tell(GetSweepStatus.Instance);
    }

    private void Record(SweepStatusResponse status)
    {
        SweepTelemetry.TrialsPlanned.Set(status.Total);
        SweepTelemetry.Trials.WithLabels("pending").Set(status.Pending);
        SweepTelemetry.Trials.WithLabels("assigned").Set(status.Assigned);
        SweepTelemetry.Trials.WithLabels("completed").Set(status.Completed);
        SweepTelemetry.Trials.WithLabels("failed").Set(status.Failed);
        SweepTelemetry.Retries.IncTo(status.Retries);
        SweepTelemetry.DiscardedResults.IncTo(status.DiscardedResults);
        var view = _progress.Observe(DateTime.UtcNow, status.Total, status.Completed, status.Failed, status.Assigned, status.ConnectedSlots);
        SweepTelemetry.WorkerSlots.Set(status.ConnectedSlots);
        SweepTelemetry.WithoutWorkers.Set(view.WithoutWorkers is { } waited ? waited.TotalSeconds : 0);
        SweepTelemetry.TrialsPerMinute.Set(view.PerMinute);
        SweepTelemetry.Eta.Set(view.Eta is { } eta ? eta.TotalSeconds : -1);
    }

    private void Record(TrialEnded ended)
    {
        var result = ended.Result;
        if (result.Timings is { } timings)
            SweepTelemetry.TrialDuration.WithLabels(result.Status == TrialStatus.Completed ? "completed" : "failed").Observe(timings.TotalSeconds);
        if (result.Status == TrialStatus.Failed) SweepTelemetry.Failures.WithLabels(FailureKind(result.FailureReason)).Inc();
    }

    /// <summary>The kind label of a failed result: the <see cref="Core.Trials.FailureKind"/> its reason starts with
    /// ("diverged at step 312" -> diverged, "exception: ..." -> exception), a bounded set, while the reason itself
    /// stays in the results.</summary>
    internal static string FailureKind(string? reason) => FailureKinds.OfReason(reason).Word();

    private sealed class Poll
    {
        public static readonly Poll Instance = new();
    }
}
