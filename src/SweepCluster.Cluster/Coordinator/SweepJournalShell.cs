using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The persistent half of the coordinator: <see cref="SweepState"/> kept in step with the journal. Every change
/// goes through <see cref="Execute"/>, whose events are in the journal before anything they decide is sent, so a
/// restart recovers the sweep exactly (from the latest snapshot plus the events after it, or from the state the opener
/// read). Commands that arrive while a write is under way are decided together and written as one (group commit).
/// A journal whose database cannot be reached is waited for, up to the outage window (<see cref="JournalOutage"/>); one
/// that fails otherwise, or holds what the plan cannot continue, stops the sweep with one sentence.</summary>
public abstract class SweepJournalShell : ReceivePersistentActor
{
    private readonly SweepPlan _plan;
    private readonly SweepCoordinatorSettings _settings;
    /// <summary>The state the opener read from the journal in this process, taken instead of a second replay.</summary>
    private readonly RecoveredSweep? _handed;
    private readonly JournalOutage _outage;
    private long _eventsSinceSnapshot;
    /// <summary>Decided, not yet handed to the journal: the next write.</summary>
    private readonly List<Decision> _gathered = [];
    private int _gatheredEvents;
    private bool _flushScheduled;
    private int _writesUnderWay;

    /// <summary>The most events one write gathers: a write has the journal's deadline whatever its size. The plan's
    /// pieces are written alone.</summary>
    internal const int MaxEventsPerWrite = 1000;

    /// <summary>The sweep as decided: the journal's state plus the events gathered or being written. Commands are
    /// decided on it, one after another, as if each had been written before the next.</summary>
    protected SweepState State { get; private set; } = SweepState.Empty;

    /// <summary>The sweep as the journal holds it: what may be told to anyone outside.</summary>
    protected SweepState Journaled { get; private set; } = SweepState.Empty;

    /// <summary>Nothing decided waits for the journal.</summary>
    private bool IsJournaled => _gathered.Count == 0 && _writesUnderWay == 0;

    public override string PersistenceId { get; }

    /// <summary>With a handed state, recovery reads only the journal's highest sequence number (no snapshot, no event).</summary>
    public override Recovery Recovery => _handed is null ? Recovery.Default : new Recovery(SnapshotSelectionCriteria.None, toSequenceNr: 0);

    private protected SweepJournalShell(SweepPlan plan, SweepCoordinatorSettings settings, JournalOutage outage)
    {
        (_plan, _settings, _outage) = (plan, settings, outage);
        PersistenceId = plan.PersistenceId;
        _handed = plan.Recovered?.Take();
        if (_handed is not null) State = Journaled = _handed.State;

        Recover<SnapshotOffer>(offer => State = SweepState.FromStoredSnapshot(offer.Snapshot));
        Recover<ISweepEvent>(@event => State = State.Apply(@event));
        Recover<RecoveryCompleted>(_ =>
        {
            Journaled = State;
            if (JournalFailures.OnRecovery(_handed, LastSequenceNr, State, _plan.SweepId) is not { } refusal)
            {
                if (_outage.Ended() is { } lasted)
                    Log.Warning("The journal answers again after {0:0} s unreachable; sweep {1} goes on.", lasted.TotalSeconds, _plan.SweepId);
                Recovered();
                return;
            }
            Fail(new JournalException(refusal));
            GiveUp();
            Context.Stop(Self);
        });
        Command<SaveSnapshotSuccess>(saved => DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failed => Log.Warning("Snapshot failed ({0}); recovery replays more events.", failed.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
        Command<FlushGathered>(_ =>
        {
            _flushScheduled = false;
            Flush();
        });
    }

    /// <summary>The journal is read and the state is whole: commands may be executed.</summary>
    protected abstract void Recovered();

    /// <summary>Side effects of an event now in the journal (<see cref="State"/> holds it, and may hold events decided
    /// after it); true when it made a trial pending.</summary>
    protected abstract bool React(ISweepEvent @event);

    /// <summary>Every event of one write is in the journal and has been reacted to: send what they decided.</summary>
    protected abstract void Persisted(bool workAppeared);

    /// <summary>After each <see cref="Execute"/> or write that leaves nothing waiting for the journal: the state is the
    /// journal's.</summary>
    protected abstract void Settled();

    /// <summary>The sweep stops: its journal failed or cannot be continued; <paramref name="failure"/>'s message says why
    /// in one sentence: a <see cref="JournalTimeoutException"/> when a request ran out of time, else a
    /// <see cref="JournalException"/>.</summary>
    protected abstract void Stopping(Exception failure);

    // Akka stops the actor after a failed recovery or write; a refused event stops the sweep through Stopping.
    protected override void OnRecoveryFailure(Exception reason, object? message = null) => WaitOrFail(reason, JournalFailures.Unreadable);

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) => WaitOrFail(cause, JournalFailures.Unwritable);

    /// <summary>An unreachable database is waited out: Akka stops this incarnation, its backoff supervisor starts the
    /// next, which recovers from the journal (the events of the failed write were not applied, and the worker resends
    /// the report it caused). Past the outage window, or for any other failure, the sweep stops.</summary>
    private void WaitOrFail(Exception cause, Func<Exception, Exception> failure)
    {
        if (!JournalFailures.IsUnavailable(cause))
        {
            Fail(failure(cause));
        }
        else
        {
            var lasted = _outage.Failed();
            if (lasted < _outage.Window)
            {
                Log.Warning("The journal's database cannot be reached for {0:0} s ({1}); sweep {2} is paused and tries again for up to {3:0} s.",
                    lasted.TotalSeconds, JournalFailures.Describe(cause), _plan.SweepId, _outage.Window.TotalSeconds);
                return;
            }
            Fail(JournalFailures.Unreachable(cause, lasted));
        }
        GiveUp();
    }

    /// <summary>The sweep stops for good: no incarnation follows this one. The supervisor gets the poison pill before it
    /// learns of this actor's end, and starts a new one only after a backoff, so it stops first.</summary>
    private void GiveUp()
    {
        if (JournalBackoff.Supervises(Self)) Context.Parent.Tell(PoisonPill.Instance);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) => Fail(JournalFailures.Refused(cause));

    private void Fail(Exception failure)
    {
        Log.Warning("Sweep {0} stops: {1}.", _plan.SweepId, failure.Message);
        Stopping(failure);
    }

    /// <summary>The one way the sweep changes: decide the events of the commands on <see cref="State"/>
    /// (<see cref="SweepState.Decide"/>) and gather them for the next write, which goes to the journal once the
    /// messages already waiting have been handled (each of them gathered the same way), or at once when it has
    /// <see cref="MaxEventsPerWrite"/> events or <paramref name="alone"/> asks for a write of its own. While a write is
    /// under way Akka stashes commands, so each write holds what arrived during the one before: one write for many
    /// slots' reports and requests. Once a write is in, each event is reacted to and then, per
    /// <see cref="Execute"/> in order, <paramref name="afterPersisted"/> runs (at once when there are no events).
    /// The events are returned as decided, for the caller's choices that need no journal (a slot told there is no work).</summary>
    protected IReadOnlyList<ISweepEvent> Execute(IReadOnlyList<ISweepCommand> commands, Action? afterPersisted = null, bool alone = false)
    {
        var (events, after) = State.Decide(commands);
        if (events.Count == 0)
        {
            afterPersisted?.Invoke();
            if (IsJournaled) Settled();
            return events;
        }
        if (alone) Flush();
        State = after;
        _gathered.Add(new Decision(events, afterPersisted));
        _gatheredEvents += events.Count;
        if (alone || _gatheredEvents >= MaxEventsPerWrite)
        {
            Flush();
        }
        else if (!_flushScheduled)
        {
            _flushScheduled = true;
            Self.Tell(FlushGathered.Instance);
        }
        return events;
    }

    /// <summary>Runs <paramref name="action"/> once everything decided so far is in the journal: at once when nothing is
    /// gathered (while a write is under way Akka stashes every message, so only gathered decisions can be waiting).</summary>
    protected void AfterJournaled(Action action)
    {
        if (_gathered.Count == 0) action();
        else _gathered.Add(new Decision([], action));
    }

    /// <summary>Writes what is gathered as one <c>PersistAll</c>. The state it leads to is taken now: a write queued
    /// behind it (a plan piece) has already moved <see cref="State"/> on when this one is in.</summary>
    private void Flush()
    {
        if (_gathered.Count == 0) return;
        var decisions = _gathered.ToArray();
        var events = decisions.SelectMany(d => d.Events).ToList();
        var written = State;
        _gathered.Clear();
        _gatheredEvents = 0;
        _writesUnderWay++;
        long started = Stopwatch.GetTimestamp();
        int left = events.Count;
        var workAppeared = false;
        PersistAll(events, @event =>
        {
            workAppeared |= React(@event);
            if (--left > 0) return;
            _writesUnderWay--;
            Journaled = written;
            _settings.JournalWritten?.Invoke(Stopwatch.GetElapsedTime(started), events.Count);
            Persisted(workAppeared);
            foreach (var decision in decisions) decision.AfterPersisted?.Invoke();
            SnapshotWhenDue(events.Count, written);
            if (IsJournaled) Settled();
        });
    }

    private void SnapshotWhenDue(int persisted, SweepState written)
    {
        _eventsSinceSnapshot += persisted;
        if (_eventsSinceSnapshot < _settings.SnapshotInterval(written.Total)) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(written.ToSnapshot());
    }

    /// <summary>One <see cref="Execute"/>'s events and what runs once they are in the journal.</summary>
    private sealed record Decision(IReadOnlyList<ISweepEvent> Events, Action? AfterPersisted);

    /// <summary>Writes what is gathered: sent to itself behind the messages that were waiting when the first was gathered.</summary>
    private sealed record FlushGathered
    {
        public static readonly FlushGathered Instance = new();
    }
}
