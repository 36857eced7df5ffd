using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Sweep;

/// <summary>Something that happened to a sweep; the coordinator persists these and rebuilds its state from them.
/// Events hold no actor references, tensors or exceptions: failures travel as a kind and a reason.</summary>
public interface ISweepEvent;

/// <summary>What this sweep is: its id, the journal format that wrote it and the spec it runs. The first event of
/// every journal; persisted again when a resume grows the spec, so the journal always holds the spec in force.</summary>
public sealed record SweepDefined(string SweepId, int FormatVersion, string SpecYaml) : ISweepEvent;

/// <summary>Trials joined the sweep (its first plan, or points a grown spec added on resume).</summary>
public sealed record TrialsPlanned(IReadOnlyList<PlannedTrial> Trials, int MaxAttempts) : ISweepEvent;

/// <summary>A pending trial was handed to a worker for its given attempt (1-based).</summary>
public sealed record TrialAssigned(TrialId TrialId, string WorkerId, int Attempt, DateTimeOffset At) : ISweepEvent;

/// <summary>The assigned worker reported a completed result: the trial is done, once and for all.</summary>
public sealed record TrialCompleted(TrialId TrialId, string WorkerId, TrialResult Result) : ISweepEvent;

/// <summary>An attempt failed (diverged, exception). Final when the attempts are used up; else the trial is pending again.</summary>
public sealed record TrialAttemptFailed(TrialId TrialId, string WorkerId, int Attempt, FailureKind Kind, string Reason, bool Final, TrialResult? Result) : ISweepEvent
{
    /// <summary>The result recorded for a final failure: the worker's own failed result, or one made from the kind
    /// and reason when the runner threw.</summary>
    public TrialResult EndedResult(TrialConfig config) => Result ?? new TrialResult
    {
        TrialId = TrialId,
        Config = config,
        Status = TrialStatus.Failed,
        FailureReason = $"{Kind.Word()}: {Reason}",
    };
}

/// <summary>An assigned trial went back to pending without costing an attempt (worker lost, lease expired, restart).</summary>
public sealed record TrialReleased(TrialId TrialId, string WorkerId, string Reason) : ISweepEvent;

/// <summary>A result arrived for a trial that was not assigned to that worker and attempt: counted, then dropped.</summary>
public sealed record ResultDiscarded(TrialId TrialId, string WorkerId, int Attempt, string Reason) : ISweepEvent;
