using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The persistent half of the coordinator: <see cref="SweepState"/> kept in step with the journal. Every change
/// goes through <see cref="Execute"/>, which persists the events commands cause before applying them, so a restart
/// recovers the sweep exactly (from the latest snapshot plus the events after it, or from the state the opener read).
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

    /// <summary>The sweep as the journal holds it (plus, inside a persist callback, the events applied so far).</summary>
    protected SweepState State { get; private set; } = SweepState.Empty;

    public override string PersistenceId { get; }

    /// <summary>With a handed state, recovery reads only the journal's highest sequence number (no snapshot, no event).</summary>
    public override Recovery Recovery => _handed is null ? Recovery.Default : new Recovery(SnapshotSelectionCriteria.None, toSequenceNr: 0);

    private protected SweepJournalShell(SweepPlan plan, SweepCoordinatorSettings settings, JournalOutage outage)
    {
        (_plan, _settings, _outage) = (plan, settings, outage);
        PersistenceId = plan.PersistenceId;
        _handed = plan.Recovered?.Take();
        if (_handed is not null) State = _handed.State;

        Recover<SnapshotOffer>(offer => State = SweepState.FromStoredSnapshot(offer.Snapshot));
        Recover<ISweepEvent>(@event => State = State.Apply(@event));
        Recover<RecoveryCompleted>(_ =>
        {
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
    }

    /// <summary>The journal is read and the state is whole: commands may be executed.</summary>
    protected abstract void Recovered();

    /// <summary>Side effects of an event just applied to <see cref="State"/>; true when it made a trial pending.</summary>
    protected abstract bool React(ISweepEvent @event);

    /// <summary>Every event of one <see cref="Execute"/> is in the journal and applied: send what they decided.</summary>
    protected abstract void Persisted(bool workAppeared);

    /// <summary>After each <see cref="Execute"/>, with or without events: the state is the journal's.</summary>
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

    /// <summary>The one way the sweep changes: decide the events of the commands (<see cref="SweepState.ProcessAll"/>),
    /// persist them all, then fold each in and react to it. Commands that arrive meanwhile wait in the stash, so every
    /// decision is made on the state the journal holds. <paramref name="afterPersisted"/> runs once the events are in
    /// the journal (at once when there are none).</summary>
    protected IReadOnlyList<ISweepEvent> Execute(IReadOnlyList<ISweepCommand> commands, Action? afterPersisted = null)
    {
        var events = State.ProcessAll(commands);
        if (events.Count == 0)
        {
            afterPersisted?.Invoke();
            Settled();
            return events;
        }
        long started = Stopwatch.GetTimestamp();
        int left = events.Count;
        var workAppeared = false;
        PersistAll(events, @event =>
        {
            State = State.Apply(@event);
            workAppeared |= React(@event);
            if (--left > 0) return;
            _settings.JournalWritten?.Invoke(Stopwatch.GetElapsedTime(started), events.Count);
            Persisted(workAppeared);
            afterPersisted?.Invoke();
            SnapshotWhenDue(events.Count);
            Settled();
        });
        return events;
    }

    private void SnapshotWhenDue(int persisted)
    {
        _eventsSinceSnapshot += persisted;
        if (_eventsSinceSnapshot < _settings.SnapshotInterval(State.Total)) return;
        _eventsSinceSnapshot = 0;
        SaveSnapshot(State.ToSnapshot());
    }
}
