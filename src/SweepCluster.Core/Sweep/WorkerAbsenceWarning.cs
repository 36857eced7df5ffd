namespace SweepCluster.Core.Sweep;

/// <summary>What the coordinator's log says about <see cref="WorkerAbsence"/>: one warning when trials have waited with
/// no worker slot for <see cref="WorkerAbsence.Patience"/>, and one when slots are connected again; nothing between.</summary>
public sealed class WorkerAbsenceWarning
{
    private readonly WorkerAbsence _absence = new();
    private bool _announced;

    /// <summary>Records what is seen at <paramref name="at"/>; returns the sentence to log, or null.</summary>
    public string? Observe(DateTime at, int pending, int connectedSlots)
    {
        var waited = _absence.Observe(at, pending, connectedSlots);
        string? warning = waited is { } w && !_announced
            ? $"No worker slot has been connected for {w.TotalSeconds:0} s while {pending} trials are pending: start a worker that joins this coordinator."
            : waited is null && _announced && connectedSlots > 0 ? $"{connectedSlots} worker slot(s) connected again." : null;
        _announced = waited is not null;
        return warning;
    }
}
