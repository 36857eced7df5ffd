using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>What the coordinator says about its sweep, as projections of <see cref="SweepState"/>: the status it
/// answers <see cref="GetSweepStatus"/> with, and the summary of a finished sweep. Pure, so tested without an actor.</summary>
public static class SweepReadout
{
    public static SweepSummary Summary(SweepState state) => new(
        state.Total, state.Count(TrialPhase.Completed), state.Count(TrialPhase.Failed), state.DiscardedResults, state.Retries);

    /// <param name="progress">The attempts' latest progress; an attempt not heard of yet shows epoch 0 of 0.</param>
    /// <param name="latestCompleted">The trial completed last in this incarnation, if any.</param>
    /// <param name="connectedSlots">Worker slots known alive.</param>
    public static SweepStatusResponse Status(SweepState state, AttemptProgressTable progress, TrialId? latestCompleted, int connectedSlots,
        PlanProgress? planning = null)
    {
        var running = state.AssignedTrials
            .Select(t => progress.Of(t.Id) is { } p
                ? new RunningTrialStatus(t.Id, t.Worker!, t.Attempts, p.Epoch, p.Epochs, p.Loss)
                : new RunningTrialStatus(t.Id, t.Worker!, t.Attempts, 0, 0, null))
            .ToList();
        return new SweepStatusResponse(
            state.Total, state.Count(TrialPhase.Pending), state.Count(TrialPhase.Assigned),
            state.Count(TrialPhase.Completed), state.Count(TrialPhase.Failed),
            state.DiscardedResults, state.Retries, state.IsFinished && planning is null, running, latestCompleted, connectedSlots, planning);
    }
}
