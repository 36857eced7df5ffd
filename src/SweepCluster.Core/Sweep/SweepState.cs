using System.Collections.Immutable;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Sweep;

/// <summary>The whole truth of a sweep as a pure value: <see cref="Process"/> decides which events a command
/// causes (never mutating), <see cref="Apply"/> folds one event in. The coordinator actor is a thin shell that
/// persists the events and applies them, so recovery replays exactly the same transitions.</summary>
public sealed record SweepState
{
    public static readonly SweepState Empty = new();

    /// <summary>Every trial by id.</summary>
    public ImmutableDictionary<TrialId, TrialEntry> Trials { get; init; } = ImmutableDictionary<TrialId, TrialEntry>.Empty;
    /// <summary>Trial ids in plan order; pending trials are handed out in this order.</summary>
    public ImmutableList<TrialId> Order { get; init; } = [];
    public int MaxAttempts { get; init; } = 2;
    public long DiscardedResults { get; init; }
    public long Retries { get; init; }

    public int Count(TrialPhase phase) => Trials.Values.Count(t => t.Phase == phase);
    public int Total => Trials.Count;
    /// <summary>Every trial is completed or failed (an empty sweep is not finished: it has no plan yet).</summary>
    public bool IsFinished => Total > 0 && Trials.Values.All(t => t.Phase is TrialPhase.Completed or TrialPhase.Failed);
    public bool HasPending => Trials.Values.Any(t => t.Phase == TrialPhase.Pending);

    public IReadOnlyList<ISweepEvent> Process(ISweepCommand command) => command switch
    {
        PlanTrials plan => PlanNew(plan),
        RequestTrial request => Assign(request),
        ReportTrialResult report => Report(report),
        ReportTrialFailure failure => Fail(failure),
        ReleaseWorker release => Trials.Values
            .Where(t => t.Phase == TrialPhase.Assigned && t.Worker == release.WorkerId)
            .OrderBy(t => Order.IndexOf(t.Id))
            .Select(t => (ISweepEvent)new TrialReleased(t.Id, release.WorkerId, release.Reason))
            .ToList(),
        ReleaseTrial release => IsAssignedTo(release.TrialId, release.WorkerId)
            ? [new TrialReleased(release.TrialId, release.WorkerId, release.Reason)]
            : [],
        ReleaseAllAssignments release => Order
            .Select(id => Trials[id])
            .Where(t => t.Phase == TrialPhase.Assigned)
            .Select(t => (ISweepEvent)new TrialReleased(t.Id, t.Worker!, release.Reason))
            .ToList(),
        _ => throw new ArgumentException($"Unknown sweep command {command.GetType().Name}.", nameof(command)),
    };

    public SweepState Apply(ISweepEvent @event) => @event switch
    {
        TrialsPlanned planned => planned.Trials
            .Where(t => !Trials.ContainsKey(t.Id))
            .Aggregate(this with { MaxAttempts = planned.MaxAttempts }, (s, t) => s with
            {
                Trials = s.Trials.Add(t.Id, new TrialEntry(t, TrialPhase.Pending, null, null, 0, null)),
                Order = s.Order.Add(t.Id),
            }),
        TrialAssigned assigned => Update(assigned.TrialId, t => t with
        {
            Phase = TrialPhase.Assigned, Worker = assigned.WorkerId, AssignedAt = assigned.At, Attempts = assigned.Attempt,
        }),
        TrialCompleted completed => Update(completed.TrialId, t => t with { Phase = TrialPhase.Completed, Worker = null, AssignedAt = null }),
        TrialAttemptFailed failed => Update(failed.TrialId, t => t with
        {
            Phase = failed.Final ? TrialPhase.Failed : TrialPhase.Pending, Worker = null, AssignedAt = null,
            LastFailure = $"{failed.Kind}: {failed.Reason}",
        }) with { Retries = Retries + (failed.Final ? 0 : 1) },
        // A released attempt never ran to an end, so it does not count against the retry budget.
        TrialReleased released => Update(released.TrialId, t => t with
        {
            Phase = TrialPhase.Pending, Worker = null, AssignedAt = null, Attempts = t.Attempts - 1,
        }),
        ResultDiscarded => this with { DiscardedResults = DiscardedResults + 1 },
        _ => throw new ArgumentException($"Unknown sweep event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <summary>Applies events in order.</summary>
    public SweepState ApplyAll(IEnumerable<ISweepEvent> events) => events.Aggregate(this, (s, e) => s.Apply(e));

    private IReadOnlyList<ISweepEvent> PlanNew(PlanTrials plan)
    {
        var fresh = plan.Trials.Where(t => !Trials.ContainsKey(t.Id)).DistinctBy(t => t.Id).ToList();
        return fresh.Count == 0 && plan.MaxAttempts == MaxAttempts ? [] : [new TrialsPlanned(fresh, plan.MaxAttempts)];
    }

    private IReadOnlyList<ISweepEvent> Assign(RequestTrial request)
    {
        foreach (TrialId id in Order)
        {
            TrialEntry entry = Trials[id];
            if (entry.Phase == TrialPhase.Pending)
                return [new TrialAssigned(id, request.WorkerId, entry.Attempts + 1, request.Now)];
        }
        return [];
    }

    private IReadOnlyList<ISweepEvent> Report(ReportTrialResult report)
    {
        if (Stale(report.WorkerId, report.TrialId, report.Attempt) is { } reason)
            return [new ResultDiscarded(report.TrialId, report.WorkerId, report.Attempt, reason)];
        if (report.Result.Status == TrialStatus.Completed)
            return [new TrialCompleted(report.TrialId, report.WorkerId, report.Result)];
        return [FailedAttempt(report.WorkerId, report.TrialId, report.Attempt, "failed", report.Result.FailureReason ?? "failed", report.Result)];
    }

    private IReadOnlyList<ISweepEvent> Fail(ReportTrialFailure failure) =>
        Stale(failure.WorkerId, failure.TrialId, failure.Attempt) is { } reason
            ? [new ResultDiscarded(failure.TrialId, failure.WorkerId, failure.Attempt, reason)]
            : [FailedAttempt(failure.WorkerId, failure.TrialId, failure.Attempt, failure.Kind, failure.Reason, null)];

    private TrialAttemptFailed FailedAttempt(string worker, TrialId id, int attempt, string kind, string reason, TrialResult? result) =>
        new(id, worker, attempt, kind, reason, Final: attempt >= MaxAttempts, result);

    /// <summary>Why a report is not for the current assignment, or null when it is.</summary>
    private string? Stale(string worker, TrialId id, int attempt)
    {
        if (!Trials.TryGetValue(id, out var entry)) return "unknown trial";
        if (entry.Phase == TrialPhase.Completed) return "already completed";
        if (entry.Phase == TrialPhase.Failed) return "already failed";
        if (entry.Phase != TrialPhase.Assigned || entry.Worker != worker || entry.Attempts != attempt)
            return "not assigned to this worker and attempt";
        return null;
    }

    private bool IsAssignedTo(TrialId id, string worker) =>
        Trials.TryGetValue(id, out var entry) && entry.Phase == TrialPhase.Assigned && entry.Worker == worker;

    private SweepState Update(TrialId id, Func<TrialEntry, TrialEntry> change) =>
        this with { Trials = Trials.SetItem(id, change(Trials[id])) };
}
