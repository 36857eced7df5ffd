using System.Collections.Immutable;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
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
    /// <summary>The sweep's id and spec; null before the first <see cref="DefineSweep"/>.</summary>
    public SweepDefined? Definition { get; init; }
    public int MaxAttempts { get; init; } = 2;
    public long DiscardedResults { get; init; }
    public long Retries { get; init; }

    // Indexes kept beside the trials so that handing out a trial, finding a worker's trials and counting phases
    // cost O(log n) or O(slots), not a scan of the whole sweep: a large sweep asks these on every request.
    private ImmutableDictionary<TrialId, int> Positions { get; init; } = ImmutableDictionary<TrialId, int>.Empty;
    private ImmutableSortedSet<int> PendingPositions { get; init; } = [];
    private ImmutableSortedSet<int> AssignedPositions { get; init; } = [];
    private int CompletedCount { get; init; }
    private int FailedCount { get; init; }

    public int Count(TrialPhase phase) => phase switch
    {
        TrialPhase.Pending => PendingPositions.Count,
        TrialPhase.Assigned => AssignedPositions.Count,
        TrialPhase.Completed => CompletedCount,
        _ => FailedCount,
    };

    public int Total => Trials.Count;
    /// <summary>Every trial is completed or failed (an empty sweep is not finished: it has no plan yet).</summary>
    public bool IsFinished => Total > 0 && CompletedCount + FailedCount == Total;
    public bool HasPending => PendingPositions.Count > 0;

    /// <summary>The trials assigned right now, in plan order (at most one pack per busy worker slot).</summary>
    public IEnumerable<TrialEntry> AssignedTrials => AssignedPositions.Select(position => Trials[Order[position]]);

    public IReadOnlyList<ISweepEvent> Process(ISweepCommand command) => command switch
    {
        DefineSweep define => Definition is { } known && known.SweepId == define.SweepId
                                                     && known.FormatVersion == SweepJournalFormat.Version
                                                     && known.SpecYaml == define.SpecYaml
            ? []
            : [new SweepDefined(define.SweepId, SweepJournalFormat.Version, define.SpecYaml)],
        PlanTrials plan => PlanNew(plan),
        RequestTrial request => Assign(request),
        ReclaimTrial reclaim => IsGivenBackFrom(reclaim.TrialId, reclaim.WorkerId, reclaim.Attempt)
            ? [new TrialAssigned(reclaim.TrialId, reclaim.WorkerId, reclaim.Attempt, reclaim.Now)]
            : [],
        ReportTrialResult report => Report(report),
        ReportTrialFailure failure => Fail(failure),
        ReleaseWorker release => AssignedTrials
            .Where(t => t.Worker == release.WorkerId)
            .Select(t => (ISweepEvent)new TrialReleased(t.Id, release.WorkerId, release.Reason))
            .ToList(),
        ReleaseTrial release => IsAssignedTo(release.TrialId, release.WorkerId)
            ? [new TrialReleased(release.TrialId, release.WorkerId, release.Reason)]
            : [],
        ReleaseAllAssignments release => AssignedTrials
            .Select(t => (ISweepEvent)new TrialReleased(t.Id, t.Worker!, release.Reason))
            .ToList(),
        _ => throw new ArgumentException($"Unknown sweep command {command.GetType().Name}.", nameof(command)),
    };

    public SweepState Apply(ISweepEvent @event) => @event switch
    {
        SweepDefined defined => this with { Definition = defined },
        TrialsPlanned planned => planned.Trials
            .Where(t => !Trials.ContainsKey(t.Id))
            .Aggregate(this with { MaxAttempts = planned.MaxAttempts }, (s, t) => s with
            {
                Trials = s.Trials.Add(t.Id, new TrialEntry(t, TrialPhase.Pending, null, null, 0, null)),
                Order = s.Order.Add(t.Id),
                Positions = s.Positions.Add(t.Id, s.Order.Count),
                PendingPositions = s.PendingPositions.Add(s.Order.Count),
            }),
        TrialAssigned assigned => Move(assigned.TrialId, TrialPhase.Assigned, t => t with
        {
            Worker = assigned.WorkerId, AssignedAt = assigned.At, Attempts = assigned.Attempt,
        }),
        TrialCompleted completed => Move(completed.TrialId, TrialPhase.Completed, t => t with { Worker = null, AssignedAt = null }),
        TrialAttemptFailed failed => Move(failed.TrialId, failed.Final ? TrialPhase.Failed : TrialPhase.Pending, t => t with
        {
            Worker = null, AssignedAt = null, LastFailure = $"{failed.Kind.Word()}: {failed.Reason}",
        }) with { Retries = Retries + (failed.Final ? 0 : 1) },
        // A released attempt never ran to an end, so it does not count against the retry budget. Its worker stays on
        // the pending entry as the last holder: only that worker may reclaim the attempt or report its result.
        TrialReleased released => Move(released.TrialId, TrialPhase.Pending, t => t with
        {
            AssignedAt = null, Attempts = t.Attempts - 1,
        }),
        ResultDiscarded => this with { DiscardedResults = DiscardedResults + 1 },
        _ => throw new ArgumentException($"Unknown sweep event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <summary>The result a trial ended with, when this event ends one (a completion, or a final failure);
    /// null otherwise. This is what trials.jsonl records, in journal order.</summary>
    public TrialResult? EndedBy(ISweepEvent @event) => @event switch
    {
        TrialCompleted completed => completed.Result,
        TrialAttemptFailed { Final: true } failed => failed.EndedResult(Trials[failed.TrialId].Plan.Config),
        _ => null,
    };

    /// <summary>The state as a compact snapshot: entries in plan order, indexes left out.</summary>
    public SweepSnapshot ToSnapshot() => SweepSnapshot.Of(this, Order.Select(id => Trials[id]));

    /// <summary>The state a snapshot of either shape, as the snapshot store hands it back, describes.</summary>
    public static SweepState FromStoredSnapshot(object snapshot) => snapshot switch
    {
        SweepSnapshot compact => FromSnapshot(compact),
        LegacySweepSnapshot legacy => FromSnapshot(legacy),
        _ => throw new InvalidOperationException($"Unknown snapshot type {snapshot.GetType().Name}."),
    };

    /// <summary>The state a snapshot describes, with its indexes rebuilt.</summary>
    public static SweepState FromSnapshot(SweepSnapshot snapshot) =>
        FromEntries(snapshot.Definition, snapshot.MaxAttempts, snapshot.DiscardedResults, snapshot.Retries, snapshot.Entries());

    /// <summary>The state a snapshot of an earlier build describes.</summary>
    public static SweepState FromSnapshot(LegacySweepSnapshot snapshot) =>
        FromEntries(snapshot.Definition, snapshot.MaxAttempts, snapshot.DiscardedResults, snapshot.Retries, snapshot.Trials);

    private static SweepState FromEntries(SweepDefined? definition, int maxAttempts, long discarded, long retries, IEnumerable<TrialEntry> entries)
    {
        var trials = ImmutableDictionary.CreateBuilder<TrialId, TrialEntry>();
        var order = ImmutableList.CreateBuilder<TrialId>();
        var positions = ImmutableDictionary.CreateBuilder<TrialId, int>();
        var pending = ImmutableSortedSet.CreateBuilder<int>();
        var assigned = ImmutableSortedSet.CreateBuilder<int>();
        int completed = 0, failed = 0;
        foreach (var entry in entries)
        {
            int position = order.Count;
            trials.Add(entry.Id, entry);
            order.Add(entry.Id);
            positions.Add(entry.Id, position);
            switch (entry.Phase)
            {
                case TrialPhase.Pending: pending.Add(position); break;
                case TrialPhase.Assigned: assigned.Add(position); break;
                case TrialPhase.Completed: completed++; break;
                default: failed++; break;
            }
        }
        return new SweepState
        {
            Definition = definition,
            MaxAttempts = maxAttempts,
            DiscardedResults = discarded,
            Retries = retries,
            Trials = trials.ToImmutable(),
            Order = order.ToImmutable(),
            Positions = positions.ToImmutable(),
            PendingPositions = pending.ToImmutable(),
            AssignedPositions = assigned.ToImmutable(),
            CompletedCount = completed,
            FailedCount = failed,
        };
    }

    /// <summary>The events of each command in turn, each command deciding on the state the previous ones lead to, and the
    /// state they all lead to, which the coordinator decides the next commands on before those events are in the journal.</summary>
    public (IReadOnlyList<ISweepEvent> Events, SweepState After) Decide(IEnumerable<ISweepCommand> commands)
    {
        var events = new List<ISweepEvent>();
        var scratch = this;
        foreach (var command in commands)
        {
            var caused = scratch.Process(command);
            scratch = scratch.ApplyAll(caused);
            events.AddRange(caused);
        }
        return (events, scratch);
    }

    /// <summary>Applies events in order.</summary>
    public SweepState ApplyAll(IEnumerable<ISweepEvent> events) => events.Aggregate(this, (s, e) => s.Apply(e));

    /// <summary>The most trials one <see cref="TrialsPlanned"/> event holds. One event for a whole grid was 72.6 MB of
    /// JSON at 100,000 trials, serialized, written and read back whole (several times its size in transient memory);
    /// events of this many stay near 1 MB. A plan cut short by a crash is completed on recovery, which plans again the
    /// trials the journal lacks.</summary>
    public const int PlannedPerEvent = 1000;

    private IReadOnlyList<ISweepEvent> PlanNew(PlanTrials plan)
    {
        var fresh = plan.Trials.Where(t => !Trials.ContainsKey(t.Id)).DistinctBy(t => t.Id).ToList();
        if (fresh.Count == 0) return plan.MaxAttempts == MaxAttempts ? [] : [new TrialsPlanned([], plan.MaxAttempts)];
        return fresh.Chunk(PlannedPerEvent).Select(chunk => (ISweepEvent)new TrialsPlanned(chunk, plan.MaxAttempts)).ToList();
    }

    /// <summary>How many pending trials after the first one a request for a pack looks at for trials of its key: a
    /// grid puts seeds (and CMI draws) innermost, so pack mates are near, and a request stays cheap at any size.</summary>
    public const int PackScanWindow = 512;

    private IReadOnlyList<ISweepEvent> Assign(RequestTrial request)
    {
        if (PendingPositions.Count == 0) return [];
        TrialEntry first = Trials[Order[PendingPositions.Min]];
        var events = new List<ISweepEvent> { Assigned(first, request) };
        if (request.Capacity <= 1 || PackKeys.Of(first.Plan) is not { } key) return events;
        // Pack mates share their shape, so each needs what the first needs: the pack stays within one trial's budget.
        double bytes = TrialMemory.EstimateBytes(first.Plan.Config);
        int capacity = (int)Math.Clamp(Math.Floor(TrialMemory.BudgetBytes / bytes), 1, request.Capacity);
        foreach (int position in PendingPositions.Skip(1).Take(PackScanWindow))
        {
            if (events.Count >= capacity) break;
            TrialEntry mate = Trials[Order[position]];
            if (PackKeys.Of(mate.Plan) == key) events.Add(Assigned(mate, request));
        }
        return events;
    }

    private static TrialAssigned Assigned(TrialEntry entry, RequestTrial request) =>
        new(entry.Id, request.WorkerId, entry.Attempts + 1, request.Now);

    private IReadOnlyList<ISweepEvent> Report(ReportTrialResult report)
    {
        // A completed result for a trial given back meanwhile (its coordinator restarted, its lease ran out) is
        // still that trial's result when it comes from the worker that held the attempt: keeping it spares running
        // the trial again. From anyone else it is not a result of this sweep's assignment.
        if (report.Result.Status == TrialStatus.Completed && IsGivenBackFrom(report.TrialId, report.WorkerId, report.Attempt))
            return [new TrialCompleted(report.TrialId, report.WorkerId, report.Result)];
        if (Stale(report.WorkerId, report.TrialId, report.Attempt) is { } reason)
            return [new ResultDiscarded(report.TrialId, report.WorkerId, report.Attempt, reason)];
        if (report.Result.Status == TrialStatus.Completed)
            return [new TrialCompleted(report.TrialId, report.WorkerId, report.Result)];
        return [FailedAttempt(report.WorkerId, report.TrialId, report.Attempt, FailureKind.Failed, report.Result.FailureReason ?? FailureKind.Failed.Word(), report.Result)];
    }

    private IReadOnlyList<ISweepEvent> Fail(ReportTrialFailure failure) =>
        Stale(failure.WorkerId, failure.TrialId, failure.Attempt) is { } reason
            ? [new ResultDiscarded(failure.TrialId, failure.WorkerId, failure.Attempt, reason)]
            : [FailedAttempt(failure.WorkerId, failure.TrialId, failure.Attempt, failure.Kind, failure.Reason, null)];

    private TrialAttemptFailed FailedAttempt(string worker, TrialId id, int attempt, FailureKind kind, string reason, TrialResult? result) =>
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

    /// <summary>True when <paramref name="attempt"/> of a pending trial is the one given back from <paramref name="worker"/>.</summary>
    private bool IsGivenBackFrom(TrialId id, string worker, int attempt) =>
        Trials.TryGetValue(id, out var entry) && entry.Phase == TrialPhase.Pending
        && entry.Worker == worker && attempt == entry.Attempts + 1;

    private bool IsAssignedTo(TrialId id, string worker) =>
        Trials.TryGetValue(id, out var entry) && entry.Phase == TrialPhase.Assigned && entry.Worker == worker;

    /// <summary>Changes one trial's entry and phase, keeping the phase indexes and counts in step.</summary>
    private SweepState Move(TrialId id, TrialPhase phase, Func<TrialEntry, TrialEntry> change)
    {
        TrialEntry before = Trials[id];
        int position = Positions[id];
        var state = this with { Trials = Trials.SetItem(id, change(before) with { Phase = phase }) };
        state = before.Phase switch
        {
            TrialPhase.Pending => state with { PendingPositions = state.PendingPositions.Remove(position) },
            TrialPhase.Assigned => state with { AssignedPositions = state.AssignedPositions.Remove(position) },
            TrialPhase.Completed => state with { CompletedCount = state.CompletedCount - 1 },
            _ => state with { FailedCount = state.FailedCount - 1 },
        };
        return phase switch
        {
            TrialPhase.Pending => state with { PendingPositions = state.PendingPositions.Add(position) },
            TrialPhase.Assigned => state with { AssignedPositions = state.AssignedPositions.Add(position) },
            TrialPhase.Completed => state with { CompletedCount = state.CompletedCount + 1 },
            _ => state with { FailedCount = state.FailedCount + 1 },
        };
    }
}
