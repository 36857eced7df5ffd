using Akka.Actor;
using Akka.Event;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>Hands out a sweep's trials to worker slots that ask, and records how each ends: over the journal's state
/// (<see cref="SweepJournalShell"/>) it keeps timers, watches, the clock and sends. The slots it knows are a
/// <see cref="WorkerRegistry{TRef}"/>, their attempts' progress an <see cref="AttemptProgressTable"/>; ended trials go to
/// this node's <see cref="ResultProjection"/>. A cluster singleton on a <see cref="SweepRoles.Coordinator"/> node.</summary>
public sealed class SweepCoordinator : SweepJournalShell, IWithTimers
{
    /// <summary>Name of the singleton (and of its manager under /user).</summary>
    public const string SingletonName = "sweep-coordinator";
    private const string LeaseTimer = "lease-check";
    private const string WorkerCheckTimer = "worker-check";
    private static readonly TimeSpan WorkerCheckInterval = TimeSpan.FromSeconds(5);

    private readonly SweepPlan _plan;
    private readonly SweepCoordinatorSettings _settings;
    private readonly IActorRef _results;
    // What follows is not part of the sweep's truth: it is rebuilt from the workers after a restart.
    private readonly WorkerRegistry<IActorRef> _workers = new();
    private readonly AttemptProgressTable _progress = new();
    private readonly PackOutbox _outbox = new();
    private readonly WorkerAbsenceWarning _absence = new();
    private TrialId? _latestCompleted;
    private bool _finishAnnounced;
    private PlanPieces? _planning;

    public ITimerScheduler Timers { get; set; } = null!;

    public SweepCoordinator(SweepPlan plan, IActorRef results, SweepCoordinatorSettings settings)
        : this(plan, results, settings, JournalOutageOf(settings))
    {
    }

    public SweepCoordinator(SweepPlan plan, IActorRef results, SweepCoordinatorSettings settings, JournalOutage outage)
        : base(plan, settings, outage)
    {
        (_plan, _results, _settings) = (plan, results, settings);
        Command<RequestWork>(Handle);
        Command<TrialProgressReport>(Handle);
        Command<TrialResultReport>(report => Report(report.WorkerId, report.TrialId, report.Attempt, "result",
            new ReportTrialResult(report.WorkerId, report.TrialId, report.Attempt, report.Result)));
        Command<TrialFailureReport>(report => Report(report.WorkerId, report.TrialId, report.Attempt, "failure report",
            new ReportTrialFailure(report.WorkerId, report.TrialId, report.Attempt, report.Kind, report.Reason)));
        Command<CheckLeases>(_ => ExpireLeases());
        Command<CheckWorkers>(_ => ObserveWorkers());
        Command<WorkerNodeLost>(Handle);
        Command<WriteNextPlanPiece>(_ => WritePlanPiece());
        Command<GetSweepStatus>(_ => Sender.Tell(SweepReadout.Status(State, _progress, _latestCompleted, _workers.Count, Planning)));
        Command<SubscribeToSweep>(subscribe => _results.Forward(
            new SweepSubscribers.Subscribe(subscribe.Subscriber, _finishAnnounced ? SweepReadout.Summary(State) : null, subscribe.EndOnly)));
        Command<UnsubscribeFromSweep>(unsubscribe => _results.Forward(unsubscribe));
        Command<Terminated>(Handle);
    }

    /// <summary>Props for the coordinator, which hands ended trials to <paramref name="results"/> (this node's
    /// <see cref="ResultProjection"/>); settings default to a 5-minute lease on the system clock.</summary>
    internal static Props Props(SweepPlan plan, IActorRef results, SweepCoordinatorSettings? settings = null) =>
        Akka.Actor.Props.Create(() => new SweepCoordinator(plan, results, settings ?? new SweepCoordinatorSettings()));

    /// <summary>Props for every incarnation of the coordinator on this node: they share one <see cref="JournalOutage"/>,
    /// so an outage is timed from its first failure however often the backoff supervisor starts the coordinator.</summary>
    internal static Props Props(SweepPlan plan, IActorRef results, SweepCoordinatorSettings settings, JournalOutage outage) =>
        Akka.Actor.Props.Create(() => new SweepCoordinator(plan, results, settings, outage));

    public static JournalOutage JournalOutageOf(SweepCoordinatorSettings settings) =>
        new(settings.JournalOutageWindow, settings.Clock, settings.JournalUnreachable);

    protected override void PreStart()
    {
        base.PreStart();
        // In a cluster, a child watches the members: it frees the trials of worker nodes that are lost or stay
        // unreachable, without waiting for the cluster to remove them (see NodeWatch).
        if (((ExtendedActorSystem)Context.System).Provider is Akka.Cluster.ClusterActorRefProvider)
            Context.ActorOf(NodeWatch.Props(NodeWatch.GraceFrom(Context.System)), "node-watch");
    }

    /// <summary>After recovery: record the spec in force, give back what a previous run had handed out (its workers may
    /// reclaim it), and add the grid points the journal lacks (all of them on a first start), a piece at a time.</summary>
    protected override void Recovered()
    {
        if (State.Total > 0)
            Log.Info("Recovered sweep {0}: {1} completed, {2} failed, {3} pending, {4} were running.", _plan.SweepId,
                State.Count(TrialPhase.Completed), State.Count(TrialPhase.Failed), State.Count(TrialPhase.Pending), State.Count(TrialPhase.Assigned));
        // Planning before the first write: a finished sweep is not announced before its grown plan is checked.
        _planning = new PlanPieces(_plan.Trials, _plan.MaxAttempts);
        Execute([new DefineSweep(_plan.SweepId, _plan.SpecYaml), new ReleaseAllAssignments("the coordinator restarted")]);
        if (_plan.Trials.Count > PlanPieces.TrialsPerPiece)
            Log.Info("Writing the plan of {0} trials to the journal in pieces of {1}; slots are served meanwhile.", _plan.Trials.Count, PlanPieces.TrialsPerPiece);
        WritePlanPiece();
        Timers.StartPeriodicTimer(LeaseTimer, CheckLeases.Instance, _settings.EffectiveLeaseCheckInterval);
        Timers.StartPeriodicTimer(WorkerCheckTimer, CheckWorkers.Instance, WorkerCheckInterval);
    }

    /// <summary>Writes the plan's next piece, in a write of its own; once it is in the journal, the one after (a message
    /// between them lets the slots' requests in).</summary>
    private void WritePlanPiece()
    {
        if (_planning?.Next() is not { } piece) return;
        Execute([piece], () =>
        {
            _planning.PieceWritten();
            if (_planning.Done && _plan.Trials.Count > PlanPieces.TrialsPerPiece)
                Log.Info("The plan is in the journal: {0} trials.", Journaled.Total);
            Self.Tell(WriteNextPlanPiece.Instance);
        }, alone: true);
    }

    private PlanProgress? Planning => _planning is { Done: false } planning ? planning.Progress : null;

    /// <summary>Says why the sweep stops, to the sink (which ends the command) and to subscribers, after the lines.</summary>
    protected override void Stopping(Exception failure) => _results.Tell(new ResultProjection.Stopped(failure));

    private DateTimeOffset Now => _settings.Clock.GetUtcNow();

    private void Handle(RequestWork request)
    {
        if (!SpeaksFor(request.WorkerId, "request for work", null)) return;
        RememberWorker(request.WorkerId, Sender);
        _workers.AskedForWork(request.WorkerId);
        // Attempts the slot still holds were lost on the way: the same attempts again (LeasePolicy.HeldBy). Attempts
        // decided for it that the journal does not hold yet go out once it does.
        if (Journaled.HeldBy(request.WorkerId) is { Count: > 0 } held)
        {
            Sender.Tell(AssignPack.For(held.Select(t => new AssignTrial(t.Id, t.Plan.Config, t.Attempts)).ToList()));
            return;
        }
        if (State.HeldBy(request.WorkerId).Count > 0) return;
        var node = Sender.Path.Address;
        int capacity = PackCapacity.For(request.Capacity, _plan.PackSize, State.Count(TrialPhase.Pending),
            _workers.SlotsCounted(request.NodeSlots, w => w.Path.Address.Equals(node)));
        if (Execute([new RequestTrial(request.WorkerId, Now, capacity)]).Count > 0) return;
        _workers.Idle(request.WorkerId, Sender);
        Sender.Tell(NoTrialNow.Instance);
    }

    private void Handle(TrialProgressReport report)
    {
        if (!SpeaksFor(report.WorkerId, "progress report", report.TrialId)) return;
        // Still running an attempt that a coordinator restart gave back: it is that worker's again.
        if (!State.IsCurrentAttempt(report.WorkerId, report.TrialId, report.Attempt))
        {
            RememberWorker(report.WorkerId, Sender);
            if (Execute([new ReclaimTrial(report.WorkerId, report.TrialId, report.Attempt, Now)]).Count == 0) return;
        }
        _progress.Heard(report.TrialId, report.Epoch, report.Epochs, report.Loss, Now);
        _progress.Renew(State.HeldBy(report.WorkerId).Select(t => t.Id), Now);
    }

    // The worker resends its report until accepted, so it is accepted only once the journal (and trials.jsonl) holds it;
    // a copy is answered again, once the first is in the journal, and not recorded twice.
    private void Report(string workerId, TrialId trial, int attempt, string what, ISweepCommand command)
    {
        if (!SpeaksFor(workerId, what, trial)) return;
        var ack = new ResultProjection.Acknowledge(Sender, new ReportAccepted(trial, attempt));
        if (_workers.WasAnswered(workerId, trial, attempt))
        {
            AfterJournaled(() => _results.Tell(ack));
            return;
        }
        _workers.Answered(workerId, trial, attempt);
        Execute([command], () => _results.Tell(ack));
    }

    private void ExpireLeases()
    {
        foreach (var release in State.ExpiredLeases(Now, _settings.LeasePeriod, _progress.LastHeard))
        {
            Log.Warning("Trial {0} on {1} sent no progress for {2}; giving it back.", release.TrialId, release.WorkerId, _settings.LeasePeriod);
            Execute([release]);
        }
    }

    /// <summary>Says, once per episode, that trials wait with no worker slot connected (<see cref="WorkerAbsence"/>).</summary>
    private void ObserveWorkers()
    {
        if (_absence.Observe(Now.UtcDateTime, State.Count(TrialPhase.Pending), _workers.Count) is { } warning) Log.Warning("{0}", warning);
    }

    /// <summary>Every slot of a lost node is gone at once: its trials go back now, not when the cluster removes it.</summary>
    private void Handle(WorkerNodeLost lost)
    {
        var gone = _workers.ForgetWhere(w => w.Path.Address.Equals(lost.Node));
        foreach (var (_, worker) in gone)
            if (worker is not null) Context.Unwatch(worker);
        if (gone.Count > 0) Execute(gone.Select(w => (ISweepCommand)new ReleaseWorker(w.WorkerId, $"worker lost: {lost.Reason}")).ToList());
    }

    private void Handle(Terminated terminated)
    {
        if (_workers.Terminated(terminated.ActorRef) is { } workerId) Execute([new ReleaseWorker(workerId, "worker terminated")]);
    }

    /// <summary>True when the sender may speak for the worker id the message declares. Otherwise the message is
    /// counted and logged, and nothing of it is recorded or answered.</summary>
    private bool SpeaksFor(string workerId, string what, TrialId? trial)
    {
        if (WorkerIdentity.MaySpeakFor(workerId, Sender, _workers.Get(workerId))) return true;
        SweepTelemetry.RejectedReports.Inc();
        Log.Warning("{0}", WorkerIdentity.Rejection(what, trial, workerId, Sender));
        return false;
    }

    /// <summary>Every slot that asks is watched: its death (or its node's removal) frees its trials, and the slots
    /// known alive are the ones the sweep counts as connected.</summary>
    private void RememberWorker(string workerId, IActorRef worker)
    {
        var (watch, unwatch) = _workers.Remember(workerId, worker);
        if (unwatch is not null) Context.Unwatch(unwatch);
        if (watch is not null) Context.Watch(watch);
    }

    /// <summary>Sends each slot what the events assigned it, as one message (a pack arrives whole), and tells idle
    /// slots when trials became pending.</summary>
    protected override void Persisted(bool workAppeared)
    {
        foreach (var (workerId, pack) in _outbox.Drain()) _workers.Get(workerId)?.Tell(pack);
        if (workAppeared && State.HasPending)
            foreach (var asker in _workers.TakeIdle()) asker.Tell(TrialsAvailable.Instance);
    }

    /// <summary>Announces the end once, when every trial of the whole plan has ended.</summary>
    protected override void Settled()
    {
        if (!State.IsFinished || Planning is not null || _finishAnnounced) return;
        _finishAnnounced = true;
        var summary = SweepReadout.Summary(State);
        Log.Info("Sweep finished: {0} completed, {1} failed of {2}.", summary.Completed, summary.Failed, summary.Total);
        _results.Tell(new ResultProjection.Finished(summary));
    }

    protected override bool React(ISweepEvent @event)
    {
        _progress.Apply(@event);
        if (SweepEventLog.Line(@event) is (var level, var line)) Log.Log(level, null, "{0}", line);
        switch (@event)
        {
            case TrialAssigned assigned:
                _workers.Busy(assigned.WorkerId);
                _outbox.Add(assigned.WorkerId, new AssignTrial(assigned.TrialId, State.Trials[assigned.TrialId].Plan.Config, assigned.Attempt));
                return false;
            case TrialCompleted completed:
                _latestCompleted = completed.TrialId;
                Ended(completed.TrialId, completed.Result);
                return false;
            case TrialAttemptFailed { Final: true } failed:
                Ended(failed.TrialId, State.EndedBy(failed)!);
                return false;
            default:
                return @event is TrialAttemptFailed or TrialReleased or TrialsPlanned { Trials.Count: > 0 };
        }
    }

    /// <summary>A trial ended: its line, curve and subscribers' news go out now that the journal holds it, off this thread.</summary>
    private void Ended(TrialId id, TrialResult result) =>
        _results.Tell(new ResultProjection.Ended(result, State.Trials[id].Attempts));

    private sealed record WriteNextPlanPiece
    {
        public static readonly WriteNextPlanPiece Instance = new();
    }
}
