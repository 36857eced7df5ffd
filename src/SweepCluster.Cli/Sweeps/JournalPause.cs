using SweepCluster.Telemetry;

namespace SweepCluster.Cli.Sweeps;

/// <summary>What this node's coordinator says of its journal's database while it cannot reach it: the sweep is paused
/// for that long, which the progress line and <see cref="SweepTelemetry.JournalUnreachable"/> show.</summary>
internal sealed class JournalPause
{
    private readonly Lock _lock = new();
    private DateTime? _since;

    /// <summary>The coordinator's report: unreachable for <paramref name="lasted"/> so far, or reachable again (null).</summary>
    public void Observe(TimeSpan? lasted)
    {
        lock (_lock) _since = DateTime.UtcNow - lasted;
        SweepTelemetry.JournalUnreachable.Set(lasted?.TotalSeconds ?? 0);
    }

    /// <summary>How long the sweep has been paused for its journal, or null while the journal answers.</summary>
    public TimeSpan? For
    {
        get
        {
            lock (_lock) return DateTime.UtcNow - _since;
        }
    }
}
