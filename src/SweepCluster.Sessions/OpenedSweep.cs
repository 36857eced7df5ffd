using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Sessions;

/// <summary>A sweep ready to run: its folder, the spec in force, its journal (locked for this process) and, when it
/// continues, the state the journal holds (its latest snapshot plus the events after it).</summary>
public sealed record OpenedSweep(
    string Dir,
    SweepFolder Folder,
    SweepSpec Spec,
    string SpecYaml,
    IJournalBackend Journal,
    JournalLock Lock,
    RecoveredSweep? Recorded) : IAsyncDisposable
{
    private IReadOnlyList<PlannedTrial>? _trials;

    /// <summary>The spec's trials, expanded once (seconds at 100,000 trials) for the spec check and the plan.</summary>
    public IReadOnlyList<PlannedTrial> Trials => _trials ??= Expanding?.GetAwaiter().GetResult() ?? GridExpander.Expand(Spec);

    /// <summary>The expansion of <see cref="Spec"/>, started by the opener while it read the journal; null: expand on
    /// first use.</summary>
    public Task<IReadOnlyList<PlannedTrial>>? Expanding { get; init; }

    /// <summary>The folder whose sweep the spec could not continue, when --force-new started this one instead.</summary>
    public string? InsteadOf { get; init; }

    /// <summary>`resume`: the folder's spec.yaml as edited by hand, which the spec in force is about to replace; null: not edited.</summary>
    public EditedSpecCopy? EditedCopy { get; init; }

    /// <summary>Every event of the journal from the first, folded (null: none yet); its cost grows with the sweep.</summary>
    public Task<SweepReplay?> ReplayAsync(CancellationToken cancellation) =>
        SweepJournalReader.ReadAsync(Journal, SweepPlan.PersistenceIdOf(Folder.SweepId), cancellation);

    /// <summary>The results folder, ready to append: trials.jsonl as it stands when it already holds exactly the
    /// trials the journal has ended, else rebuilt from a replay of the whole journal (a crash left it a line short or
    /// with a torn line). <c>Rebuilt</c> says which.</summary>
    public async Task<(SweepResultFiles Files, bool Rebuilt)> OpenResultFilesAsync(CancellationToken cancellation)
    {
        var state = Recorded?.State ?? SweepState.Empty;
        int ended = state.Count(TrialPhase.Completed) + state.Count(TrialPhase.Failed);
        if (SweepResultFiles.Continue(Dir, ended, id => state.Trials.TryGetValue(id, out var entry) && entry.Phase is TrialPhase.Completed or TrialPhase.Failed) is { } files)
            return (files, false);
        var replay = Recorded is null ? null : await ReplayAsync(cancellation);
        return (SweepResultFiles.Rebuild(Dir, replay?.Ended ?? []), true);
    }

    /// <summary>The plan the coordinator runs: the spec's trials, with the state read while opening handed over, so
    /// that the coordinator's first start does not replay the journal again.</summary>
    public SweepPlan Plan() =>
        new(Folder.SweepId, SpecYaml, Trials, Spec.Training.MaxAttempts)
        {
            PackSize = Spec.PackSize,
            Recovered = Recorded is null ? null : new RecoveredSweepHandoff(Recorded),
        };

    public ValueTask DisposeAsync() => Lock.DisposeAsync();
}
