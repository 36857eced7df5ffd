using SweepCluster.Core.Sweep;

namespace SweepCluster.Sessions;

/// <summary>A sweep's progress as its journal holds it (`status DIR`): counts by phase and, while a coordinator writes
/// the journal, the rate at which trials ended lately and the time left at that rate.</summary>
/// <param name="Live">A coordinator holds the journal's lock now.</param>
/// <param name="Running">Trials handed to a slot of the live coordinator (0 when not live).</param>
/// <param name="PerMinute">Trials ended per minute over the last <see cref="RateWindow"/> of the live sweep; null when
/// not live or none ended in that window.</param>
/// <param name="Eta">Time left at <see cref="PerMinute"/>; null without a rate.</param>
public sealed record SweepStatus(string Dir, string Name, bool Live, int Total, int Completed, int Failed, int Running,
    int Pending, double? PerMinute, TimeSpan? Eta)
{
    /// <summary>How far back the rate looks: long enough for slow trials, short enough to follow a change of pace.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(5);

    /// <summary>Journal events read for the rate: at two events a trial, more than a window of ended trials at any pace a
    /// status is useful for.</summary>
    public const int TailEvents = 4000;

    /// <param name="recentEnds">When trials ended, among the journal's last <see cref="TailEvents"/> events.</param>
    public static SweepStatus From(string dir, string name, bool live, SweepState state, IReadOnlyList<DateTimeOffset> recentEnds, DateTimeOffset now)
    {
        int left = state.Count(TrialPhase.Pending) + state.Count(TrialPhase.Assigned);
        double? perMinute = null;
        if (live)
        {
            var window = recentEnds.Where(end => now - end <= RateWindow).ToList();
            // A sweep that started inside the window has ended trials only since then; its first end starts the clock.
            var span = window.Count == recentEnds.Count && window.Count > 1 ? now - window.Min() : RateWindow;
            if (window.Count > 0 && span > TimeSpan.Zero) perMinute = window.Count / span.TotalMinutes;
        }
        TimeSpan? eta = perMinute is > 0 ? TimeSpan.FromMinutes(left / perMinute.Value) : null;
        // A stopped sweep's journal still has the trials it had handed out as assigned; nothing runs them until a
        // resume hands them out again, so they are pending.
        int running = live ? state.Count(TrialPhase.Assigned) : 0;
        return new SweepStatus(dir, name, live, state.Total, state.Count(TrialPhase.Completed), state.Count(TrialPhase.Failed),
            running, left - running, perMinute, eta);
    }
}
