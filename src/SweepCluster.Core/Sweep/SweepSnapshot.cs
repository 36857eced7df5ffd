namespace SweepCluster.Core.Sweep;

/// <summary>A <see cref="SweepState"/> as stored in the snapshot store: plain lists, no indexes (they are rebuilt).
/// Snapshots only shorten recovery; the events stay in the journal, so the results can always be re-projected.</summary>
public sealed record SweepSnapshot(
    int FormatVersion,
    SweepDefined? Definition,
    int MaxAttempts,
    long DiscardedResults,
    long Retries,
    IReadOnlyList<TrialEntry> Trials);
