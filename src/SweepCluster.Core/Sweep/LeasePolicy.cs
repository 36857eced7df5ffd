using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Sweep;

/// <summary>The sweep's rules about attempts that are out with a worker, beside <see cref="SweepState"/> and as pure:
/// which attempt a worker still holds (handed again when it asks), whether a report is about the attempt the state
/// has on that worker (else it may reclaim it), and which leases have expired. The coordinator actor keeps only the
/// timers, the watches, the clock and the sends.</summary>
public static class LeasePolicy
{
    /// <summary>The attempts <paramref name="workerId"/> holds (its pack), in plan order; empty when none. A slot asks
    /// for work only when idle, so attempts it still holds were lost on the way or by a restart of the slot: it gets
    /// the same attempts again rather than more trials it cannot run.</summary>
    public static IReadOnlyList<TrialEntry> HeldBy(this SweepState state, string workerId) =>
        state.AssignedTrials.Where(t => t.Worker == workerId).ToList();

    /// <summary>True when the state has attempt <paramref name="attempt"/> of <paramref name="id"/> running on
    /// <paramref name="workerId"/>. A report about any other attempt is from a worker still running what a coordinator
    /// restart gave back: it may reclaim it (<see cref="ReclaimTrial"/>).</summary>
    public static bool IsCurrentAttempt(this SweepState state, string workerId, TrialId id, int attempt) =>
        state.Trials.TryGetValue(id, out var entry)
        && entry.Phase == TrialPhase.Assigned && entry.Worker == workerId && entry.Attempts == attempt;

    /// <summary>The commands that give back every attempt not heard of for <paramref name="lease"/>: its last progress
    /// (from <paramref name="lastHeard"/>), else its assignment, is that long before <paramref name="now"/>.</summary>
    public static IReadOnlyList<ReleaseTrial> ExpiredLeases(
        this SweepState state, DateTimeOffset now, TimeSpan lease, Func<TrialId, DateTimeOffset?> lastHeard) =>
        state.AssignedTrials
            .Where(t => now - (lastHeard(t.Id) ?? t.AssignedAt ?? now) >= lease)
            .Select(t => new ReleaseTrial(t.Id, t.Worker!, LeaseExpired))
            .ToList();

    /// <summary>The reason a released attempt's event records when its lease ran out.</summary>
    public const string LeaseExpired = "lease expired";
}
