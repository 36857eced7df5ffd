using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Sweep;

/// <summary>What the coordinator is asked to do; <see cref="SweepState.Process"/> turns each into events.</summary>
public interface ISweepCommand;

/// <summary>Record what the sweep is (no event when the journal already holds exactly this definition).</summary>
public sealed record DefineSweep(string SweepId, string SpecYaml) : ISweepCommand;

/// <summary>Add these trials (ids already present are ignored), with this retry budget.</summary>
public sealed record PlanTrials(IReadOnlyList<PlannedTrial> Trials, int MaxAttempts) : ISweepCommand;

/// <summary>An idle worker slot asks for work: up to <paramref name="Capacity"/> trials that share a pack key
/// (<see cref="Grid.TrialPacking.Key"/>), which it trains at once.</summary>
public sealed record RequestTrial(string WorkerId, DateTimeOffset Now, int Capacity = 1) : ISweepCommand;

/// <summary>A worker reports progress on a trial the sweep holds as pending: an attempt given back by a coordinator
/// restart that its worker kept running. It is that worker's again, so it is not handed out and run twice.</summary>
public sealed record ReclaimTrial(string WorkerId, TrialId TrialId, int Attempt, DateTimeOffset Now) : ISweepCommand;

/// <summary>A worker reports how its attempt ended (completed or failed result).</summary>
public sealed record ReportTrialResult(string WorkerId, TrialId TrialId, int Attempt, TrialResult Result) : ISweepCommand;

/// <summary>A worker reports that its attempt threw (the trial could not run).</summary>
public sealed record ReportTrialFailure(string WorkerId, TrialId TrialId, int Attempt, FailureKind Kind, string Reason) : ISweepCommand;

/// <summary>Give back every trial assigned to this worker (it died, was downed, or left).</summary>
public sealed record ReleaseWorker(string WorkerId, string Reason) : ISweepCommand;

/// <summary>Give back one assignment (its lease expired).</summary>
public sealed record ReleaseTrial(TrialId TrialId, string WorkerId, string Reason) : ISweepCommand;

/// <summary>After recovery: every trial still marked assigned belongs to a previous run and goes back to pending.</summary>
public sealed record ReleaseAllAssignments(string Reason) : ISweepCommand;
