namespace SweepCluster.Core.Sweep;

/// <summary>A sweep's progress at one moment: the counts, the rate of ended trials and the time left.</summary>
/// <param name="Eta">Time left at the current rate; zero when nothing is left, null while no rate is known.</param>
/// <param name="WithoutWorkers">How long trials have been pending with no worker slot connected, once that is at least
/// <see cref="WorkerAbsence.Patience"/>; null otherwise.</param>
public sealed record SweepProgressView(int Total, int Completed, int Failed, int Running, double PerMinute, TimeSpan? Eta,
    TimeSpan? WithoutWorkers = null)
{
    public int Ended => Completed + Failed;
}

/// <summary>The one progress model of a sweep: the terminal display and the metrics both feed it the coordinator's
/// counts and show what it computes, so they agree. The rate is trials ended per minute over the last minute.</summary>
public sealed class SweepProgressModel
{
    /// <summary>The span over which the rate is measured.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TrialRate _rate = new(Window);
    private readonly WorkerAbsence _absence = new();

    /// <summary>Records the counts seen at <paramref name="at"/> and returns the view they give.</summary>
    /// <param name="connectedSlots">Worker slots the coordinator knows to be connected, busy or idle.</param>
    public SweepProgressView Observe(DateTime at, int total, int completed, int failed, int running, int connectedSlots)
    {
        double perMinute = _rate.Add(at, completed + failed);
        int remaining = total - completed - failed;
        TimeSpan? eta = remaining <= 0 ? TimeSpan.Zero : perMinute > 0 ? TimeSpan.FromMinutes(remaining / perMinute) : null;
        var withoutWorkers = _absence.Observe(at, pending: remaining - running, connectedSlots);
        return new SweepProgressView(total, completed, failed, running, perMinute, eta, withoutWorkers);
    }
}
