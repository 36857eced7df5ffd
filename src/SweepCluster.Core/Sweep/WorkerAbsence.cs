namespace SweepCluster.Core.Sweep;

/// <summary>Whether a sweep is stuck for want of workers: trials are pending and no worker slot has been connected for
/// <see cref="Patience"/>. The coordinator's log, the terminal progress and the metrics each feed one of these the
/// same counts, so they say it together.</summary>
public sealed class WorkerAbsence
{
    /// <summary>How long trials may wait with no slot connected before the sweep says so (a worker restarting, or
    /// joining after the coordinator, takes a few seconds).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private DateTime? _since;

    /// <summary>Records what is seen at <paramref name="at"/>; returns how long trials have waited with no slot
    /// connected once that is at least <see cref="Patience"/>, else null.</summary>
    public TimeSpan? Observe(DateTime at, int pending, int connectedSlots)
    {
        if (pending == 0 || connectedSlots > 0)
        {
            _since = null;
            return null;
        }
        _since ??= at;
        var waited = at - _since.Value;
        return waited >= Patience ? waited : null;
    }
}
