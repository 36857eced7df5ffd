using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Event;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Workers;

/// <summary>One device slot: pulls a trial, or a pack of trials that train together, from the coordinator, runs it on a
/// dedicated thread off the mailbox, relays each trial's progress, reports each trial's end until acknowledged, and
/// asks again.</summary>
internal sealed class TrialWorker : ReceiveActor, IWithTimers
{
    private const string RetryTimer = "retry";

    private readonly IActorRef _coordinator;
    private readonly ITrialRunner _runner;
    private readonly WorkerSlot _slot;
    private readonly TrialWorkerSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // The pack running or being reported (empty when idle), and what is kept per attempt of it.
    private IReadOnlyList<AssignTrial> _pack = [];
    private CancellationTokenSource? _cancellation;
    private readonly Dictionary<Attempt, Activity?> _spans = [];
    private readonly Dictionary<Attempt, ISweepClusterMessage> _unaccepted = [];
    // The attempts of the last pack reported: a late copy of their assignment must not run them twice.
    private HashSet<Attempt> _lastReported = [];
    private readonly string _slotLabel;
    // When this idle spell's first request for work left (Stopwatch ticks), for AssignmentWaited.
    private long _askedSince;

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
        foreach (var span in _spans.Values) TrialSpans.End(span, null, "slot stopped");
        _spans.Clear();
        // The runner's thread sees the token and unwinds; its piped result goes to dead letters, and the
        // coordinator, which watches this slot, gives every trial of the pack back.
        if (_cancellation is null) return;
        _log.Info("Slot {0} stopping: cancelling trials {1}.", WorkerId, Describe(_pack));
        _cancellation.Cancel();
    }

    private void BecomeIdle()
    {
        SweepTelemetry.SlotBusy.WithLabels(_slotLabel, _slot.Device).Set(0);
        Become(Idle);
        _askedSince = Stopwatch.GetTimestamp();
        AskForWork();
        Timers.StartPeriodicTimer(RetryTimer, RetryTick.Instance, _settings.RetryInterval);
    }

    private void Idle()
    {
        Receive<AssignTrial>(assignment => Start([assignment]));
        Receive<AssignPack>(pack => Start(pack.Trials));
        Receive<TrialsAvailable>(AskForWork);
        Receive<RetryTick>(AskForWork);
        Receive<NoTrialNow>(Ignore);
        Receive<ReportAccepted>(Ignore);
    }

    private void Running()
    {
        Receive<RunProgressed>(Relay);
        Receive<PackReturned>(Finish);
        Receive<PackThrew>(Finish);
        Receive<AssignTrial>(assignment => IgnoreWhileBusy([assignment]));
        Receive<AssignPack>(pack => IgnoreWhileBusy(pack.Trials));
        Receive<TrialsAvailable>(Ignore);
        Receive<NoTrialNow>(Ignore);
        Receive<RetryTick>(Ignore);
        Receive<ReportAccepted>(Ignore);
    }

    private void Reporting()
    {
        Receive<ReportAccepted>(Accepted);
        Receive<RetryTick>(ResendReports);
        Receive<AssignTrial>(assignment => IgnoreWhileBusy([assignment]));
        Receive<AssignPack>(pack => IgnoreWhileBusy(pack.Trials));
        Receive<RunProgressed>(Ignore);
        Receive<TrialsAvailable>(Ignore);
        Receive<NoTrialNow>(Ignore);
    }

    private void AskForWork(object _) => AskForWork();

    private void AskForWork() => _coordinator.Tell(new RequestWork(WorkerId, _slot.Device, _settings.PackSize, _settings.NodeSlots));

    private void Start(IReadOnlyList<AssignTrial> assignments)
    {
        var pack = assignments.Where(a => !_lastReported.Contains(Attempt.Of(a))).DistinctBy(Attempt.Of).ToList();
        if (pack.Count == 0) return;
        _settings.AssignmentWaited?.Invoke(Stopwatch.GetElapsedTime(_askedSince));
        Timers.Cancel(RetryTimer);
        _pack = pack;
        var cancellation = _cancellation = new CancellationTokenSource();
        var self = Self;
        var runner = _runner;
        var members = pack.Select(a => new PackMember(a.TrialId, a.Config, new SelfProgress(self, a.TrialId, a.Attempt))).ToList();
        var context = new TrialRunContext(_slot.Device, _slot.Threads, null, _settings.Checkpoints);
        foreach (var a in pack) _spans[Attempt.Of(a)] = TrialSpans.Start(a.TrialId, a.Config, a.Attempt, WorkerId, _slot.Device);
        SweepTelemetry.SlotBusy.WithLabels(_slotLabel, _slot.Device).Set(1);
        SweepTelemetry.SlotEpoch.WithLabels(_slotLabel).Set(0);
        _log.Info("Slot {0} runs {1} on {2} (trace {3}).", WorkerId, Describe(pack), _slot.Device,
            _spans[Attempt.Of(pack[0])]?.TraceId.ToString() ?? "off");
        // A dedicated thread, not a pool thread: a trial blocks for minutes, and the runner's native scopes are
        // thread-static, so it must never await.
        Task.Factory
            .StartNew(() => Run(runner, members, context, cancellation.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .PipeTo(self,
                success: results => new PackReturned(pack, results),
                failure: error => new PackThrew(pack, Unwrap(error)));
        Become(Running);
    }

    /// <summary>A lone trial runs as it always has (<see cref="ITrialRunner.Run"/>); a pack in one call, whose
    /// results must match its members one for one.</summary>
    private static IReadOnlyList<TrialResult> Run(ITrialRunner runner, IReadOnlyList<PackMember> members, TrialRunContext context, CancellationToken token)
    {
        if (members.Count == 1)
            return [runner.Run(members[0].Id, members[0].Config, context with { Progress = members[0].Progress }, token)];
        var results = runner.RunPack(members, context, token);
        if (results.Count != members.Count)
            throw new InvalidOperationException($"The runner returned {results.Count} results for a pack of {members.Count} trials.");
        return results;
    }

    private void Relay(RunProgressed progress)
    {
        if (!_spans.ContainsKey(new Attempt(progress.TrialId, progress.Attempt))) return;
        var p = progress.Progress;
        SweepTelemetry.SlotEpoch.WithLabels(_slotLabel).Set(p.Epoch);
        SweepTelemetry.SlotLoss.WithLabels(_slotLabel).Set(p.Loss);
        _coordinator.Tell(new TrialProgressReport(WorkerId, progress.TrialId, progress.Attempt, p.Epoch, p.Epochs, p.Loss));
    }

    private void Finish(PackReturned returned)
    {
        if (!ReferenceEquals(returned.Pack, _pack)) return;
        var reports = new List<ISweepClusterMessage>();
        for (int i = 0; i < _pack.Count; i++)
        {
            var a = _pack[i];
            TrialSpans.End(_spans.GetValueOrDefault(Attempt.Of(a)), returned.Results[i], null);
            reports.Add(new TrialResultReport(WorkerId, a.TrialId, a.Attempt, returned.Results[i]));
        }
        BecomeReporting(reports);
    }

    private void Finish(PackThrew threw)
    {
        if (!ReferenceEquals(threw.Pack, _pack)) return;
        _log.Warning("Trials {0} threw on slot {1} (trace {2}): {3}", Describe(_pack), WorkerId,
            _spans.GetValueOrDefault(Attempt.Of(_pack[0]))?.TraceId.ToString() ?? "off", threw.Error);
        var reason = $"{threw.Error.GetType().Name}: {threw.Error.Message}";
        foreach (var a in _pack) TrialSpans.End(_spans.GetValueOrDefault(Attempt.Of(a)), null, reason);
        BecomeReporting(_pack.Select(a => (ISweepClusterMessage)new TrialFailureReport(WorkerId, a.TrialId, a.Attempt, FailureKind.Exception, reason)).ToList());
    }

    private void BecomeReporting(IReadOnlyList<ISweepClusterMessage> reports)
    {
        _cancellation?.Dispose();
        _cancellation = null;
        _spans.Clear();
        for (int i = 0; i < _pack.Count; i++) _unaccepted[Attempt.Of(_pack[i])] = reports[i];
        Become(Reporting);
        foreach (var report in reports) _coordinator.Tell(report);
        Timers.StartPeriodicTimer(RetryTimer, RetryTick.Instance, _settings.RetryInterval);
    }

    private void ResendReports(RetryTick _)
    {
        foreach (var report in _unaccepted.Values) _coordinator.Tell(report);
    }

    private void Accepted(ReportAccepted accepted)
    {
        if (!_unaccepted.Remove(new Attempt(accepted.TrialId, accepted.Attempt)) || _unaccepted.Count > 0) return;
        _lastReported = _pack.Select(Attempt.Of).ToHashSet();
        _pack = [];
        BecomeIdle();
    }

    private void IgnoreWhileBusy(IReadOnlyList<AssignTrial> assignments)
    {
        // The coordinator answers a repeated request with the attempts the slot holds: those are not news.
        if (assignments.All(a => _pack.Any(p => Attempt.Of(p) == Attempt.Of(a)))) return;
        _log.Warning("Slot {0} is busy with trials {1}; ignoring assignment of trials {2}.", WorkerId, Describe(_pack), Describe(assignments));
    }

    private static string Describe(IReadOnlyList<AssignTrial> pack) =>
        string.Join(", ", pack.Select(a => $"{a.TrialId} attempt {a.Attempt}"));

    private static void Ignore(object _) { }

    private static Exception Unwrap(Exception error) =>
        error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;

    /// <summary>One attempt of one trial: what progress, reports and acknowledgements are about.</summary>
    private readonly record struct Attempt(TrialId TrialId, int Number)
    {
        public static Attempt Of(AssignTrial a) => new(a.TrialId, a.Attempt);
    }
}
