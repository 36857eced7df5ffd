using Akka.Actor;
using Akka.Persistence;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Persistence;

/// <summary>Recovers a sweep's state the way its coordinator does (latest snapshot plus the events after it) and hands
/// it over, without writing anything: opening a sweep of 100,000 trials then costs one snapshot and a short tail,
/// not a replay of its whole journal. Stops itself once recovered.</summary>
public sealed class SweepStateReader : UntypedPersistentActor
{
    private readonly TaskCompletionSource<RecoveredSweep> _recovered;
    private SweepState _state = SweepState.Empty;

    public SweepStateReader(string persistenceId, TaskCompletionSource<RecoveredSweep> recovered)
    {
        PersistenceId = persistenceId;
        _recovered = recovered;
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, TaskCompletionSource<RecoveredSweep> recovered) =>
        Akka.Actor.Props.Create(() => new SweepStateReader(persistenceId, recovered));

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                _state = SweepState.FromStoredSnapshot(offer.Snapshot);
                break;
            case ISweepEvent @event:
                _state = _state.Apply(@event);
                break;
            case RecoveryCompleted:
                _recovered.TrySetResult(new RecoveredSweep(_state, LastSequenceNr));
                Context.Stop(Self);
                break;
        }
    }

    protected override void OnCommand(object message) => Unhandled(message);

    protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
        _recovered.TrySetException(reason);
}

/// <summary>A sweep's state as its journal holds it, and the sequence number of the journal's last event (0: none).</summary>
public sealed record RecoveredSweep(SweepState State, long LastSequenceNr);

/// <summary>A <see cref="RecoveredSweep"/> handed to the coordinator once: only its first start in this process may
/// take it; a restarted coordinator recovers from the journal.</summary>
public sealed class RecoveredSweepHandoff(RecoveredSweep recovered)
{
    private RecoveredSweep? _recovered = recovered;

    public RecoveredSweep? Take() => Interlocked.Exchange(ref _recovered, null);
}
