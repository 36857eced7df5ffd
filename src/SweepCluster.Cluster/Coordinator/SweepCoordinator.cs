using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>Hands out a sweep's trials to worker slots that ask, and records how each ends. A thin persistent shell
/// over <see cref="SweepState"/>: every change goes through <see cref="Execute"/>, which persists the events a command
/// causes before applying them, so a restarted coordinator recovers the sweep exactly (from the latest snapshot
/// plus the events after it). Runs as a cluster singleton on a node with the <see cref="SweepRoles.Coordinator"/> role.</summary>
public sealed class SweepCoordinator : ReceivePersistentActor, IWithTimers
{
    /// <summary>Name of the singleton (and of its manager under /user).</summary>
    public const string SingletonName = "sweep-coordinator";
    private const string LeaseTimer = "lease-check";
    private const string WorkerCheckTimer = "worker-check";
    private static readonly TimeSpan WorkerCheckInterval = TimeSpan.FromSeconds(5);

    private readonly SweepPlan _plan;
    private readonly ISweepResultSink _sink;
    private readonly SweepCoordinatorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private SweepState _state = SweepState.Empty;
    /// <summary>The state the opener read from the journal in this process, taken instead of a second replay.</summary>
    private readonly RecoveredSweep? _handed;
    private long _eventsSinceSnapshot;
    // What follows is not part of the sweep's truth: it is rebuilt from the workers after a restart.
    private readonly Dictionary<string, IActorRef> _workers = [];
    private readonly Dictionary<IActorRef, string> _watchedWorkers = [];
    private readonly Dictionary<string, IActorRef> _idleAskers = [];
    private readonly Dictionary<TrialId, AttemptProgress> _progress = [];
    // Assignments applied but not yet sent: a pack's events are persisted together and go out as one message.
    private readonly Dictionary<string, List<AssignTrial>> _outgoing = [];
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly WorkerAbsence _absence = new();
    private bool _absenceAnnounced;
    private TrialId? _latestCompleted;
    private bool _finishAnnounced;

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId { get; }

    /// <summary>With a handed state, recovery reads only the journal's highest sequence number (no snapshot, no event).</summary>
    public override Recovery Recovery => _handed is null ? Recovery.Default : new Recovery(SnapshotSelectionCriteria.None, toSequenceNr: 0);

    public SweepCoordinator(SweepPlan plan, ISweepResultSink sink, SweepCoordinatorSettings settings)
    {
        _plan = plan;
        _sink = sink;
        _settings = settings;
        PersistenceId = plan.PersistenceId;
        _handed = plan.Recovered?.Take();
        if (_handed is not null) _state = _handed.State;

        Recover<SnapshotOffer>(offer => _state = SweepState.FromStoredSnapshot(offer.Snapshot));
        Recover<ISweepEvent>(@event => _state = _state.Apply(@event));
        Recover<RecoveryCompleted>(_ => Recovered());

        Command<RequestWork>(Handle);
        Command<TrialProgressReport>(Handle);
        Command<TrialResultReport>(Handle);
        Command<TrialFailureReport>(Handle);
        Command<CheckLeases>(Handle);
        Command<CheckWorkers>(Handle);
        Command<WorkerNodeLost>(Handle);
        Command<GetSweepStatus>(Handle);
        Command<SubscribeToSweep>(Handle);
        Command<UnsubscribeFromSweep>(Handle);
        Command<Terminated>(Handle);
        Command<SaveSnapshotSuccess>(saved =>
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failed => _log.Warning("Snapshot failed ({0}); recovery replays more events.", failed.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    /// <summary>Props for the coordinator; settings default to a 5-minute lease on the system clock.</summary>
    public static Props Props(SweepPlan plan, ISweepResultSink sink, SweepCoordinatorSettings? settings = null) =>
        Akka.Actor.Props.Create(() => new SweepCoordinator(plan, sink, settings ?? new SweepCoordinatorSettings()));

    protected override void PreStart()
    {
        base.PreStart();
        // In a cluster, a child watches the members: it frees the trials of worker nodes that are lost or stay
        // unreachable, without waiting for the cluster to remove them (see NodeWatch).
        if (((ExtendedActorSystem)Context.System).Provider is Akka.Cluster.ClusterActorRefProvider)
            Context.ActorOf(NodeWatch.Props(NodeWatch.GraceFrom(Context.System)), "node-watch");
    }

    /// <summary>After recovery: record the spec in force, add the grid points the journal lacks (all of them on a
    /// first start), and give back what a previous run had handed out; its workers may reclaim it.</summary>
    private void Recovered()
    {
        if (_handed is not null && _handed.LastSequenceNr != LastSequenceNr)
        {
            // Cannot happen while this process holds the journal lock; refuse rather than run on a stale state.
            Fail($"the journal changed while the sweep was opening ({_handed.LastSequenceNr} events read, {LastSequenceNr} now)");
            Context.Stop(Self);
            return;
        }
        if (_state.Definition is { } known && known.SweepId != _plan.SweepId)
        {
            Fail($"the journal holds sweep {known.SweepId}, not {_plan.SweepId}");
            Context.Stop(Self);
            return;
        }
        if (_state.Total > 0)
            _log.Info("Recovered sweep {0}: {1} completed, {2} failed, {3} pending, {4} were running.", _plan.SweepId,
                _state.Count(TrialPhase.Completed), _state.Count(TrialPhase.Failed), _state.Count(TrialPhase.Pending), _state.Count(TrialPhase.Assigned));
        Execute(
            new DefineSweep(_plan.SweepId, _plan.SpecYaml),
            new PlanTrials(_plan.Trials, _plan.MaxAttempts),
            new ReleaseAllAssignments("the coordinator restarted"));
        Timers.StartPeriodicTimer(LeaseTimer, CheckLeases.Instance, _settings.EffectiveLeaseCheckInterval);
        Timers.StartPeriodicTimer(WorkerCheckTimer, CheckWorkers.Instance, WorkerCheckInterval);
    }

    // The three journal failures below replace Akka's own log line (an error with a stack trace) by one sentence;
    // Akka stops the actor after a failed recovery or write, and a refused event stops the sweep through the sink.
    protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
        Fail($"the journal could not be read ({Describe(reason)})");

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Fail($"the journal could not be written ({Describe(cause)})");

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Fail($"the journal refused an event ({Describe(cause)})");

    /// <summary>Says why the sweep stops, to the sink (which ends the command) and to subscribers.</summary>
    private void Fail(string message)
    {
        _log.Warning("Sweep {0} stops: {1}.", _plan.SweepId, message);
        _sink.JournalFailed(message);
        foreach (var subscriber in _subscribers) subscriber.Tell(new SweepStopped(message));
    }

    private static string Describe(Exception e) =>
        e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message}: {inner.Message}" : e.Message;

    private DateTimeOffset Now => _settings.Clock.GetUtcNow();

    private void Handle(RequestWork request)
    {
        if (!SpeaksFor(request.WorkerId, "request for work", null)) return;
        RememberWorker(request.WorkerId, Sender);
        // Attempts the slot still holds were lost on the way: the same attempts again (LeasePolicy.HeldBy).
        var held = _state.HeldBy(request.WorkerId);
        if (held.Count > 0)
        {
            Sender.Tell(AssignPack.For(held.Select(t => new AssignTrial(t.Id, t.Plan.Config, t.Attempts)).ToList()));
            return;
        }
        int capacity = PackCapacity.For(request.Capacity, _plan.PackSize, _state.Count(TrialPhase.Pending), SlotsCounted(request.NodeSlots));
        if (Execute(new RequestTrial(request.WorkerId, Now, capacity)).Count == 0)
        {
            _idleAskers[request.WorkerId] = Sender;
            Sender.Tell(NoTrialNow.Instance);
        }
    }

    private void Handle(TrialProgressReport report)
    {
        if (!SpeaksFor(report.WorkerId, "progress report", report.TrialId)) return;
        if (!_state.IsCurrentAttempt(report.WorkerId, report.TrialId, report.Attempt))
        {
            // Still running an attempt that a coordinator restart gave back: it is that worker's again.
            RememberWorker(report.WorkerId, Sender);
            if (Execute(new ReclaimTrial(report.WorkerId, report.TrialId, report.Attempt, Now)).Count == 0) return;
        }
        _progress[report.TrialId] = new AttemptProgress(report.Epoch, report.Epochs, report.Loss, Now);
        RenewPackMates(report.WorkerId, report.TrialId);
    }

    /// <summary>A pack trains on one thread, so any member's progress shows the whole pack alive: a runner that trains
    /// members one after another (the default <see cref="ITrialRunner.RunPack"/>) must not lose the waiting ones.</summary>
    private void RenewPackMates(string workerId, TrialId reported)
    {
        foreach (var mate in _state.HeldBy(workerId))
            if (mate.Id != reported && _progress.TryGetValue(mate.Id, out var progress))
                _progress[mate.Id] = progress with { LastHeard = Now };
    }

    // The worker keeps resending its report until accepted, so it is accepted only once the journal holds it.
    private void Handle(TrialResultReport report)
    {
        if (!SpeaksFor(report.WorkerId, "result", report.TrialId)) return;
        var worker = Sender;
        Execute([new ReportTrialResult(report.WorkerId, report.TrialId, report.Attempt, report.Result)],
            () => worker.Tell(new ReportAccepted(report.TrialId, report.Attempt)));
    }

    private void Handle(TrialFailureReport report)
    {
        if (!SpeaksFor(report.WorkerId, "failure report", report.TrialId)) return;
        var worker = Sender;
        Execute([new ReportTrialFailure(report.WorkerId, report.TrialId, report.Attempt, report.Kind, report.Reason)],
            () => worker.Tell(new ReportAccepted(report.TrialId, report.Attempt)));
    }

    private void Handle(CheckLeases _)
    {
        var expired = _state.ExpiredLeases(Now, _settings.LeasePeriod,
            id => _progress.TryGetValue(id, out var progress) ? progress.LastHeard : null);
        foreach (var release in expired)
        {
            _log.Warning("Trial {0} on {1} sent no progress for {2}; giving it back.", release.TrialId, release.WorkerId, _settings.LeasePeriod);
            Execute(release);
        }
    }

    /// <summary>Says, once per episode, that trials wait with no worker slot connected (<see cref="WorkerAbsence"/>).</summary>
    private void Handle(CheckWorkers _)
    {
        var waited = _absence.Observe(Now.UtcDateTime, _state.Count(TrialPhase.Pending), _workers.Count);
        if (waited is { } w && !_absenceAnnounced)
            _log.Warning("No worker slot has been connected for {0:0} s while {1} trials are pending: start a worker that joins this coordinator.",
                w.TotalSeconds, _state.Count(TrialPhase.Pending));
        else if (waited is null && _absenceAnnounced && _workers.Count > 0)
            _log.Warning("{0} worker slot(s) connected again.", _workers.Count);
        _absenceAnnounced = waited is not null;
    }

    /// <summary>Every slot of a lost node is gone at once: its trials go back now, not when the cluster removes it.</summary>
    private void Handle(WorkerNodeLost lost)
    {
        var gone = _workers.Where(w => w.Value.Path.Address.Equals(lost.Node)).Select(w => w.Key).ToList();
        foreach (string workerId in gone) Forget(workerId);
        if (gone.Count > 0) Execute(gone.Select(id => (ISweepCommand)new ReleaseWorker(id, $"worker lost: {lost.Reason}")).ToList(), null);
    }

    /// <summary>True when the sender may speak for the worker id the message declares. Otherwise the message is
    /// counted and logged, and nothing of it is recorded or answered.</summary>
    private bool SpeaksFor(string workerId, string what, TrialId? trial)
    {
        if (WorkerIdentity.MaySpeakFor(workerId, Sender, _workers.GetValueOrDefault(workerId))) return true;
        SweepTelemetry.RejectedReports.Inc();
        _log.Warning("Rejected a {0}{1} that declares worker {2} but comes from {3}, not that worker's actor; nothing recorded.",
            what, trial is { } id ? $" for trial {id}" : "", workerId, Sender.Path);
        return false;
    }

    private void Handle(GetSweepStatus _) => Sender.Tell(Status());

    private void Handle(SubscribeToSweep subscribe)
    {
        if (_subscribers.Add(subscribe.Subscriber)) Context.Watch(subscribe.Subscriber);
        subscribe.Subscriber.Tell(SweepSubscribed.Instance);
        if (_finishAnnounced) subscribe.Subscriber.Tell(new SweepFinished(Summary()));
    }

    private void Handle(UnsubscribeFromSweep unsubscribe)
    {
        if (_subscribers.Remove(unsubscribe.Subscriber) && !_watchedWorkers.ContainsKey(unsubscribe.Subscriber))
            Context.Unwatch(unsubscribe.Subscriber);
    }

    private void Handle(Terminated terminated)
    {
        _subscribers.Remove(terminated.ActorRef);
        if (!_watchedWorkers.Remove(terminated.ActorRef, out var workerId)) return;
        // A newer incarnation of the slot may have asked since; only the current one's loss frees its trials.
        if (!_workers.TryGetValue(workerId, out var current) || !current.Equals(terminated.ActorRef)) return;
        Forget(workerId);
        Execute(new ReleaseWorker(workerId, "worker terminated"));
    }

    private void Forget(string workerId)
    {
        if (!_workers.Remove(workerId, out var worker)) return;
        _idleAskers.Remove(workerId);
        if (_watchedWorkers.Remove(worker) && !_subscribers.Contains(worker)) Context.Unwatch(worker);
    }

    private IReadOnlyList<ISweepEvent> Execute(params ISweepCommand[] commands) => Execute(commands, null);

    /// <summary>The one way the sweep changes: decide the events of each command in turn (each sees the state the
    /// previous ones lead to), persist them all, then fold each in and react to it. Commands that arrive meanwhile
    /// wait in the stash, so every decision is made on the state the journal holds. <paramref name="afterPersisted"/>
    /// runs once the events are in the journal (at once when there are none).</summary>
    private IReadOnlyList<ISweepEvent> Execute(IReadOnlyList<ISweepCommand> commands, Action? afterPersisted)
    {
        var events = new List<ISweepEvent>();
        var scratch = _state;
        foreach (var command in commands)
        {
            var caused = scratch.Process(command);
            scratch = scratch.ApplyAll(caused);
            events.AddRange(caused);
        }
        if (events.Count == 0)
        {
            afterPersisted?.Invoke();
            AnnounceFinishOnce();
            return events;
        }
        long started = Stopwatch.GetTimestamp();
        int left = events.Count;
        var workAppeared = false;
        PersistAll(events, @event =>
        {
            _state = _state.Apply(@event);
            workAppeared |= React(@event);
            if (--left > 0) return;
            _settings.JournalWritten?.Invoke(Stopwatch.GetElapsedTime(started), events.Count);
            SendAssignments();
            if (workAppeared) OfferWork();
            afterPersisted?.Invoke();
            SnapshotWhenDue(events.Count);
            AnnounceFinishOnce();
        });
        return events;
    }

    private void SnapshotWhenDue(int persisted)
    {
        _eventsSinceSnapshot += persisted;
        if (_eventsSinceSnapshot < _settings.SnapshotInterval(_state.Total)) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(_state.ToSnapshot());
    }

    private void AnnounceFinishOnce()
    {
        if (_state.IsFinished && !_finishAnnounced) AnnounceFinish();
    }

    /// <summary>Side effects of an applied event; true when it made a trial pending.</summary>
    private bool React(ISweepEvent @event)
    {
        switch (@event)
        {
            case TrialsPlanned planned:
                return planned.Trials.Count > 0;
            case TrialAssigned assigned:
                _progress[assigned.TrialId] = new AttemptProgress(0, 0, null, assigned.At);
                _idleAskers.Remove(assigned.WorkerId);
                if (!_outgoing.TryGetValue(assigned.WorkerId, out var pack)) _outgoing[assigned.WorkerId] = pack = [];
                pack.Add(new AssignTrial(assigned.TrialId, _state.Trials[assigned.TrialId].Plan.Config, assigned.Attempt));
                return false;
            case TrialCompleted completed:
                _progress.Remove(completed.TrialId);
                _latestCompleted = completed.TrialId;
                Ended(completed.Result, completed.TrialId);
                return false;
            case TrialAttemptFailed failed:
                _progress.Remove(failed.TrialId);
                if (!failed.Final)
                {
                    _log.Info("Trial {0} attempt {1} failed ({2}: {3}); it will be retried.", failed.TrialId, failed.Attempt, failed.Kind.Word(), failed.Reason);
                    return true;
                }
                Ended(_state.EndedBy(failed)!, failed.TrialId);
                return false;
            case TrialReleased released:
                _progress.Remove(released.TrialId);
                _log.Warning("Trial {0} released from {1}: {2}.", released.TrialId, released.WorkerId, released.Reason);
                return true;
            case ResultDiscarded discarded:
                _log.Info("Discarded a report for trial {0} attempt {1} from {2}: {3}.", discarded.TrialId, discarded.Attempt, discarded.WorkerId, discarded.Reason);
                return false;
            default:
                return false;
        }
    }

    private void Ended(TrialResult result, TrialId id)
    {
        var attempts = _state.Trials[id].Attempts;
        try
        {
            _sink.TrialEnded(result);
        }
        catch (Exception e)
        {
            // The journal holds the result already (`report` rebuilds the files); a restart for this would only stall the sweep.
            _log.Error("The result sink failed to record trial {0}: {1}", id, e.Message);
        }
        foreach (var subscriber in _subscribers) subscriber.Tell(new TrialEnded(result, attempts));
    }

    private void AnnounceFinish()
    {
        _finishAnnounced = true;
        var summary = Summary();
        _log.Info("Sweep finished: {0} completed, {1} failed of {2}.", summary.Completed, summary.Failed, summary.Total);
        try
        {
            _sink.SweepFinished(summary);
        }
        catch (Exception e)
        {
            _log.Error(e, "The result sink failed to record the end of the sweep.");
        }
        foreach (var subscriber in _subscribers) subscriber.Tell(new SweepFinished(summary));
    }

    /// <summary>Sends each worker what one command assigned it, as one message: a pack arrives whole.</summary>
    private void SendAssignments()
    {
        foreach (var (workerId, pack) in _outgoing)
            if (_workers.TryGetValue(workerId, out var worker))
                worker.Tell(AssignPack.For(pack));
        _outgoing.Clear();
    }

    private void OfferWork()
    {
        if (!_state.HasPending) return;
        foreach (var asker in _idleAskers.Values) asker.Tell(TrialsAvailable.Instance);
        _idleAskers.Clear();
    }

    /// <summary>Every slot that asks is watched: its death (or its node's removal) frees its trials, and the slots
    /// known alive are the ones the sweep counts as connected.</summary>
    private void RememberWorker(string workerId, IActorRef worker)
    {
        if (_workers.TryGetValue(workerId, out var known) && !known.Equals(worker) && _watchedWorkers.Remove(known)
            && !_subscribers.Contains(known))
            Context.Unwatch(known);
        _workers[workerId] = worker;
        if (_watchedWorkers.TryAdd(worker, workerId)) Context.Watch(worker);
    }

    /// <summary>The slots a pack is shared among: those that have asked, plus the asker's siblings that have not yet
    /// (its node said how many it runs).</summary>
    private int SlotsCounted(int askerNodeSlots)
    {
        int knownOnNode = _workers.Values.Count(w => w.Path.Address.Equals(Sender.Path.Address));
        return _workers.Count + Math.Max(0, askerNodeSlots - knownOnNode);
    }

    private SweepSummary Summary() => new(
        _state.Total, _state.Count(TrialPhase.Completed), _state.Count(TrialPhase.Failed), _state.DiscardedResults, _state.Retries);

    private SweepStatusResponse Status()
    {
        var running = _state.AssignedTrials
            .Select(t => _progress.TryGetValue(t.Id, out var p)
                ? new RunningTrialStatus(t.Id, t.Worker!, t.Attempts, p.Epoch, p.Epochs, p.Loss)
                : new RunningTrialStatus(t.Id, t.Worker!, t.Attempts, 0, 0, null))
            .ToList();
        return new SweepStatusResponse(
            _state.Total, _state.Count(TrialPhase.Pending), _state.Count(TrialPhase.Assigned),
            _state.Count(TrialPhase.Completed), _state.Count(TrialPhase.Failed),
            _state.DiscardedResults, _state.Retries, _state.IsFinished, running, _latestCompleted, _workers.Count);
    }

    /// <summary>The latest progress of an attempt and when the coordinator last heard of it (its lease).</summary>
    private readonly record struct AttemptProgress(int Epoch, int Epochs, double? Loss, DateTimeOffset LastHeard);
}
