using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Sweep;

/// <summary>The latest progress of an attempt and when the coordinator last heard of it (its lease).</summary>
public readonly record struct AttemptProgress(int Epoch, int Epochs, double? Loss, DateTimeOffset LastHeard);

/// <summary>What the coordinator last heard of each attempt out with a worker, beside <see cref="LeasePolicy"/>, which
/// reads <see cref="LastHeard"/> to expire leases. Not part of the sweep's truth: workers rebuild it after a restart by
/// reporting again, so it is not journaled.</summary>
public sealed class AttemptProgressTable
{
    private readonly Dictionary<TrialId, AttemptProgress> _progress = [];

    /// <summary>Follows an applied event: a handed-out attempt's lease starts at its assignment, with no epoch yet; an
    /// attempt that ended or went back is forgotten.</summary>
    public void Apply(ISweepEvent @event)
    {
        switch (@event)
        {
            case TrialAssigned assigned:
                _progress[assigned.TrialId] = new AttemptProgress(0, 0, null, assigned.At);
                break;
            case TrialCompleted completed:
                _progress.Remove(completed.TrialId);
                break;
            case TrialAttemptFailed failed:
                _progress.Remove(failed.TrialId);
                break;
            case TrialReleased released:
                _progress.Remove(released.TrialId);
                break;
        }
    }

    public void Heard(TrialId id, int epoch, int epochs, double? loss, DateTimeOffset at) =>
        _progress[id] = new AttemptProgress(epoch, epochs, loss, at);

    /// <summary>A pack trains on one thread, so any member's progress shows the whole pack alive: a runner that trains
    /// members one after another must not lose the waiting ones. Members never heard of stay so.</summary>
    public void Renew(IEnumerable<TrialId> mates, DateTimeOffset at)
    {
        foreach (var id in mates)
            if (_progress.TryGetValue(id, out var progress))
                _progress[id] = progress with { LastHeard = at };
    }

    public AttemptProgress? Of(TrialId id) => _progress.TryGetValue(id, out var progress) ? progress : null;

    /// <summary>When the attempt was last heard of, for <see cref="LeasePolicy.ExpiredLeases"/>; null when unknown.</summary>
    public DateTimeOffset? LastHeard(TrialId id) => Of(id)?.LastHeard;
}
