using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Event;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Workers;

/// <summary>One device slot: pulls a trial from the coordinator, runs it on a dedicated thread off the mailbox,
/// relays its progress, reports its end until acknowledged, and asks again.</summary>
public sealed class TrialWorker : ReceiveActor, IWithTimers
{
    private const string RetryTimer = "retry";

    private readonly IActorRef _coordinator;
    private readonly ITrialRunner _runner;
    private readonly WorkerSlot _slot;
    private readonly TrialWorkerSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private AssignTrial? _current;
    private CancellationTokenSource? _cancellation;
    private ISweepClusterMessage? _pendingReport;
    private (TrialId TrialId, int Attempt)? _lastReported;
    private Activity? _span;
    private readonly string _slotLabel;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Stable for the life of this node: "&lt;node address&gt;/slot-&lt;index&gt;".</summary>
    public string WorkerId { get; }

    public TrialWorker(IActorRef coordinator, ITrialRunner runner, int index, WorkerSlot slot, TrialWorkerSettings settings)
    {
        _coordinator = coordinator;
        _runner = runner;
        _slot = slot;
        _settings = settings;
        WorkerId = WorkerIdFor(((ExtendedActorSystem)Context.System).Provider.DefaultAddress, index);
        // Each node serves its own /metrics, so the slot index (not the node address) keeps the label set small.
        _slotLabel = index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Props for slot <paramref name="index"/>; <paramref name="coordinator"/> is normally the singleton proxy.</summary>
    public static Props Props(IActorRef coordinator, ITrialRunner runner, int index, WorkerSlot slot, TrialWorkerSettings? settings = null) =>
        Akka.Actor.Props.Create(() => new TrialWorker(coordinator, runner, index, slot, settings ?? new TrialWorkerSettings()));

    /// <summary>The actor name of slot <paramref name="index"/> under /user.</summary>
    public static string ActorName(int index) => $"trial-worker-{index}";

    public static string WorkerIdFor(Address node, int index) => $"{node}/slot-{index}";

    protected override void PreStart() => BecomeIdle();

    protected override void PostStop()
    {
        SweepTelemetry.SlotBusy.WithLabels(_slotLabel, _slot.Device).Set(0);
        TrialSpans.End(_span, null, "slot stopped");
        _span = null;
        // The runner's thread sees the token and unwinds; its piped result goes to dead letters, and the
        // coordinator, which watches this slot, gives the trial back.
        if (_cancellation is null) return;
        _log.Info("Slot {0} stopping: cancelling trial {1}.", WorkerId, _current?.TrialId);
        _cancellation.Cancel();
    }

    private void BecomeIdle()
    {
        SweepTelemetry.SlotBusy.WithLabels(_slotLabel, _slot.Device).Set(0);
        Become(Idle);
        AskForWork();
        Timers.StartPeriodicTimer(RetryTimer, RetryTick.Instance, _settings.RetryInterval);
    }

    private void Idle()
    {
        Receive<AssignTrial>(Start);
        Receive<TrialsAvailable>(AskForWork);
        Receive<RetryTick>(AskForWork);
        Receive<NoTrialNow>(Ignore);
        Receive<ReportAccepted>(Ignore);
    }

    private void Running()
    {
        Receive<RunProgressed>(Relay);
        Receive<RunReturned>(Finish);
        Receive<RunThrew>(Finish);
        Receive<AssignTrial>(IgnoreWhileBusy);
        Receive<TrialsAvailable>(Ignore);
        Receive<NoTrialNow>(Ignore);
        Receive<RetryTick>(Ignore);
        Receive<ReportAccepted>(Ignore);
    }

    private void Reporting()
    {
        Receive<ReportAccepted>(Accepted);
        Receive<RetryTick>(ResendReport);
        Receive<AssignTrial>(IgnoreWhileBusy);
        Receive<RunProgressed>(Ignore);
        Receive<TrialsAvailable>(Ignore);
        Receive<NoTrialNow>(Ignore);
    }

    private void AskForWork(object _) => AskForWork();

    private void AskForWork() => _coordinator.Tell(new RequestWork(WorkerId, _slot.Device));

    private void Start(AssignTrial assignment)
    {
        // A late copy of an assignment this slot already ran and reported must not run twice.
        if (_lastReported == (assignment.TrialId, assignment.Attempt)) return;
        Timers.Cancel(RetryTimer);
        _current = assignment;
        var cancellation = _cancellation = new CancellationTokenSource();
        var self = Self;
        var runner = _runner;
        var context = new TrialRunContext(_slot.Device, _slot.Threads, new SelfProgress(self, assignment.TrialId, assignment.Attempt), _settings.Checkpoints);
        _span = TrialSpans.Start(assignment.TrialId, assignment.Config, assignment.Attempt, WorkerId, _slot.Device);
        SweepTelemetry.SlotBusy.WithLabels(_slotLabel, _slot.Device).Set(1);
        SweepTelemetry.SlotEpoch.WithLabels(_slotLabel).Set(0);
        _log.Info("Slot {0} runs trial {1} attempt {2} on {3} (trace {4}).", WorkerId, assignment.TrialId, assignment.Attempt, _slot.Device,
            _span?.TraceId.ToString() ?? "off");
        // A dedicated thread, not a pool thread: a trial blocks for minutes, and the runner's native scopes are
        // thread-static, so it must never await.
        Task.Factory
            .StartNew(() => runner.Run(assignment.TrialId, assignment.Config, context, cancellation.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .PipeTo(self,
                success: result => new RunReturned(assignment.TrialId, assignment.Attempt, result),
                failure: error => new RunThrew(assignment.TrialId, assignment.Attempt, Unwrap(error)));
        Become(Running);
    }

    private void Relay(RunProgressed progress)
    {
        if (!IsCurrent(progress.TrialId, progress.Attempt)) return;
        var p = progress.Progress;
        SweepTelemetry.SlotEpoch.WithLabels(_slotLabel).Set(p.Epoch);
        SweepTelemetry.SlotLoss.WithLabels(_slotLabel).Set(p.Loss);
        _coordinator.Tell(new TrialProgressReport(WorkerId, progress.TrialId, progress.Attempt, p.Epoch, p.Epochs, p.Loss));
    }

    private void Finish(RunReturned returned)
    {
        if (!IsCurrent(returned.TrialId, returned.Attempt)) return;
        TrialSpans.End(_span, returned.Result, null);
        _span = null;
        BecomeReporting(new TrialResultReport(WorkerId, returned.TrialId, returned.Attempt, returned.Result));
    }

    private void Finish(RunThrew threw)
    {
        if (!IsCurrent(threw.TrialId, threw.Attempt)) return;
        _log.Warning("Trial {0} attempt {1} threw on slot {2} (trace {3}): {4}", threw.TrialId, threw.Attempt, WorkerId,
            _span?.TraceId.ToString() ?? "off", threw.Error);
        var reason = $"{threw.Error.GetType().Name}: {threw.Error.Message}";
        TrialSpans.End(_span, null, reason);
        _span = null;
        BecomeReporting(new TrialFailureReport(WorkerId, threw.TrialId, threw.Attempt, "exception", reason));
    }

    private void BecomeReporting(ISweepClusterMessage report)
    {
        _cancellation?.Dispose();
        _cancellation = null;
        _pendingReport = report;
        Become(Reporting);
        _coordinator.Tell(report);
        Timers.StartPeriodicTimer(RetryTimer, RetryTick.Instance, _settings.RetryInterval);
    }

    private void ResendReport(RetryTick _)
    {
        if (_pendingReport is not null) _coordinator.Tell(_pendingReport);
    }

    private void Accepted(ReportAccepted accepted)
    {
        if (_current is null || accepted.TrialId != _current.TrialId || accepted.Attempt != _current.Attempt) return;
        _lastReported = (accepted.TrialId, accepted.Attempt);
        _current = null;
        _pendingReport = null;
        BecomeIdle();
    }

    private void IgnoreWhileBusy(AssignTrial assignment)
    {
        if (_current is not null && assignment.TrialId == _current.TrialId && assignment.Attempt == _current.Attempt) return;
        _log.Warning("Slot {0} is busy with trial {1}; ignoring assignment of trial {2}.", WorkerId, _current?.TrialId, assignment.TrialId);
    }

    private static void Ignore(object _) { }

    private bool IsCurrent(TrialId id, int attempt) => _current is not null && _current.TrialId == id && _current.Attempt == attempt;

    private static Exception Unwrap(Exception error) =>
        error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
}
