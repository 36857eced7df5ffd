using System.Text.Json.Serialization;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Sweep;

/// <summary>A <see cref="SweepState"/> as stored in the snapshot store, compact: the settings trials share (dataset,
/// model, training, information) are written once as templates, and each trial is one short row of its own numbers,
/// phase and attempt. A full configuration per trial made a 100,000-trial snapshot 72.6 MB; this one is about a sixth
/// of that. Snapshots only shorten recovery; the events stay in the journal, so the results can always be re-projected.</summary>
public sealed record SweepSnapshot(
    int FormatVersion,
    SweepDefined? Definition,
    int MaxAttempts,
    long DiscardedResults,
    long Retries,
    IReadOnlyList<TrialConfig> Templates,
    IReadOnlyList<SnapshotTrial> Trials)
{
    /// <summary>The state's trials in plan order, as snapshot rows against shared templates.</summary>
    public static SweepSnapshot Of(SweepState state, IEnumerable<TrialEntry> entriesInPlanOrder)
    {
        var templates = new ConfigTemplates();
        var rows = entriesInPlanOrder.Select(entry => SnapshotTrial.Of(entry, templates.IndexOf(entry.Plan.Config))).ToList();
        return new(SweepJournalFormat.Version, state.Definition, state.MaxAttempts, state.DiscardedResults, state.Retries,
            templates.All, rows);
    }

    /// <summary>The trials' entries in plan order, their configurations rebuilt on the shared templates.</summary>
    public IEnumerable<TrialEntry> Entries() => Trials.Select(row => row.ToEntry(Templates[row.Template]));
}

/// <summary>One trial in a <see cref="SweepSnapshot"/>: its id, its template and the numbers a grid point or seed sets,
/// then where it stands. Short names and omitted defaults keep a row near 100 bytes. The grid point's numbers are the
/// <see cref="GridAxes.PerPoint"/> axes in table order, written under each axis's
/// <see cref="AxisDefinition.SnapshotName"/> (<see cref="SnapshotTrialJsonConverter"/>), so a new axis needs no field here.</summary>
[JsonConverter(typeof(SnapshotTrialJsonConverter))]
public sealed record SnapshotTrial
{
    public required TrialId Id { get; init; }
    public int Template { get; init; }
    /// <summary>The values of <see cref="GridAxes.PerPoint"/>, in its order.</summary>
    public required IReadOnlyList<double> Point { get; init; }
    public int Seed { get; init; }
    public TrialPhase Phase { get; init; }
    public int Attempts { get; init; }
    public string? Worker { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public string? LastFailure { get; init; }

    public static SnapshotTrial Of(TrialEntry entry, int template)
    {
        var c = entry.Plan.Config;
        return new()
        {
            Id = entry.Id, Template = template, Point = GridAxes.PerPoint.Select(axis => axis.Read(c).Number!.Value).ToList(),
            Seed = c.Seed, Phase = entry.Phase, Attempts = entry.Attempts, Worker = entry.Worker,
            AssignedAt = entry.AssignedAt, LastFailure = entry.LastFailure,
        };
    }

    public TrialEntry ToEntry(TrialConfig template)
    {
        var config = template with { Seed = Seed };
        for (int i = 0; i < GridAxes.PerPoint.Count; i++)
            config = GridAxes.PerPoint[i].Write(config, AxisValue.Of(Point[i]));
        return new TrialEntry(new PlannedTrial(Id, config), Phase, Worker, AssignedAt, Attempts, LastFailure);
    }
}

/// <summary>The whole-state snapshot that builds before the compact <see cref="SweepSnapshot"/> wrote (every trial's
/// full configuration). Still read, so a sweep snapshotted by such a build resumes; never written.</summary>
public sealed record LegacySweepSnapshot(
    int FormatVersion,
    SweepDefined? Definition,
    int MaxAttempts,
    long DiscardedResults,
    long Retries,
    IReadOnlyList<TrialEntry> Trials);
