using System.Text.Json.Serialization;
using SweepCluster.Core.Grid;

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
/// then where it stands. Short names and omitted defaults keep a row near 100 bytes.</summary>
public sealed record SnapshotTrial
{
    [JsonPropertyName("i")] public required TrialId Id { get; init; }
    [JsonPropertyName("c")] public int Template { get; init; }
    [JsonPropertyName("d")] public int Depth { get; init; }
    [JsonPropertyName("w")] public int Width { get; init; }
    [JsonPropertyName("an"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double ActNoise { get; init; }
    [JsonPropertyName("sn"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double SgldNoise { get; init; }
    [JsonPropertyName("ln"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double LabelNoise { get; init; }
    [JsonPropertyName("dr"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double Dropout { get; init; }
    [JsonPropertyName("in"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double InputNoise { get; init; }
    [JsonPropertyName("n")] public int TrainSize { get; init; }
    [JsonPropertyName("s")] public int Seed { get; init; }
    [JsonPropertyName("p")] public TrialPhase Phase { get; init; }
    [JsonPropertyName("a"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int Attempts { get; init; }
    [JsonPropertyName("wk"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Worker { get; init; }
    [JsonPropertyName("at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? AssignedAt { get; init; }
    [JsonPropertyName("lf"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? LastFailure { get; init; }

    public static SnapshotTrial Of(TrialEntry entry, int template)
    {
        var c = entry.Plan.Config;
        return new()
        {
            Id = entry.Id, Template = template, Depth = c.Depth, Width = c.Width, ActNoise = c.ActNoise,
            SgldNoise = c.SgldNoise, LabelNoise = c.LabelNoise, Dropout = c.Dropout, InputNoise = c.InputNoise,
            TrainSize = c.TrainSize, Seed = c.Seed, Phase = entry.Phase, Attempts = entry.Attempts, Worker = entry.Worker,
            AssignedAt = entry.AssignedAt, LastFailure = entry.LastFailure,
        };
    }

    public TrialEntry ToEntry(TrialConfig template)
    {
        var config = template with
        {
            Depth = Depth, Width = Width, ActNoise = ActNoise, SgldNoise = SgldNoise, LabelNoise = LabelNoise,
            Dropout = Dropout, InputNoise = InputNoise, TrainSize = TrainSize, Seed = Seed,
        };
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
