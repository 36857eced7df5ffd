using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Sessions;

/// <summary>Decides whether a command starts a sweep or continues one, and refuses what would mix two sweeps: a
/// folder's journal continues only under a spec that adds grid points or seeds and changes nothing else. It is also
/// the one place that reads the journal's connection string: the --journal flag, else SWEEPCLUSTER_JOURNAL, handed once to
/// <see cref="JournalBackends"/> with what the folder's sweep.json says; the backend it picks travels down as
/// <see cref="OpenedSweep.Journal"/> and nowhere else.</summary>
/// <param name="journalFlag">The --journal flag's value, or null.</param>
public sealed class SweepOpener(string? journalFlag)
{
    /// <summary>The variable that may hold the PostgreSQL connection string instead of --journal (compose files).</summary>
    public const string JournalVariable = "SWEEPCLUSTER_JOURNAL";

    /// <summary>The PostgreSQL connection string the user gave (flag, else environment); null: the folder's SQLite file.</summary>
    private readonly string? _connection =
        !string.IsNullOrWhiteSpace(journalFlag) ? journalFlag
        : Environment.GetEnvironmentVariable(JournalVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>The option that overrides grid axes (`--set axis=value`), named in its error sentences.</summary>
    public const string OverrideFlag = "--set";

    /// <summary>`run SPEC --out DIR` and `coordinator`: a new sweep in DIR, or DIR's sweep continued under SPEC.</summary>
    /// <param name="overrides">--set assignments, written into the spec text the journal records.</param>
    public async Task<OpenedSweep> ForSpecAsync(string specPath, string? outDir, bool forceNew, CancellationToken cancellation,
        IReadOnlyList<string>? overrides = null)
    {
        // Read once: the spec that runs and the text the journal records are the same file contents (with the overrides).
        var (spec, yaml) = OverriddenSpec.Read(SpecLoader.ReadText(specPath), specPath, overrides ?? [], OverrideFlag);
        // The grid is expanded on another core while the journal is read (each takes a second or more at 100,000 trials).
        var expanding = Task.Run(() => GridExpander.Expand(spec), cancellation);
        return await OpenForSpecAsync(spec, yaml, expanding, specPath, outDir, forceNew, cancellation);
    }

    private async Task<OpenedSweep> OpenForSpecAsync(SweepSpec spec, string yaml, Task<IReadOnlyList<PlannedTrial>> expanding,
        string specPath, string? outDir, bool forceNew, CancellationToken cancellation)
    {
        string dir = Path.GetFullPath(outDir ?? Path.Combine("runs", spec.Name));
        if (SweepFolder.Read(dir) is not { } folder)
        {
            if (File.Exists(Path.Combine(dir, TrialsJsonlWriter.FileName)))
                throw new UserInputException(
                    $"--out {dir} holds a trials.jsonl but no {SweepFolder.FileName}, so it is not a sweep this version can continue; give another --out folder.");
            return await StartAsync(dir, spec, yaml, expanding, cancellation);
        }

        (IJournalBackend, JournalLock, RecoveredSweep?) existing;
        try
        {
            existing = await OpenExistingAsync(dir, folder, SweepJournalReader.ReadStateAsync, cancellation);
        }
        catch (JournalException) when (forceNew)
        {
            // The folder's journal cannot be continued (damaged, another version's, in use): a new sweep beside it.
            return await StartAsync(FreeSibling(dir), spec, yaml, expanding, cancellation) with { InsteadOf = dir };
        }
        var (journal, journalLock, state) = existing;
        var opened = new OpenedSweep(dir, folder, spec, yaml, journal, journalLock, state) { Expanding = expanding };
        if (state?.State.Definition is not { } recorded || recorded.SpecYaml == yaml) return opened;
        var comparison = SpecComparison.Compare(SpecLoader.Parse(recorded.SpecYaml, Path.Combine(dir, SweepFolder.SpecFileName)), spec, opened.Trials);
        if (comparison.Compatible) return opened;

        await opened.DisposeAsync();
        if (!forceNew)
            throw new UserInputException(
                $"{Path.GetFileName(specPath)} cannot continue the sweep in {dir}, which may only grow (add grid points or seeds): " +
                $"{string.Join("; ", comparison.Differences)}; restore those settings, or pass --force-new to start a new sweep in a new folder.");
        return await StartAsync(FreeSibling(dir), spec, yaml, expanding, cancellation) with { InsteadOf = dir };
    }

    /// <summary>`resume DIR`: the folder's sweep, under the spec its journal holds (and what a hand edit of its
    /// spec.yaml would have changed, see <see cref="EditedSpecCopy"/>), with <paramref name="overrides"/> (--set) applied
    /// to it; an overridden spec may only grow the sweep, as a spec given to `run` may.</summary>
    public async Task<OpenedSweep> ForFolderAsync(string dirArgument, CancellationToken cancellation, IReadOnlyList<string>? overrides = null)
    {
        var opened = await ForFolderAsync(dirArgument, SweepJournalReader.ReadStateAsync, cancellation);
        opened = opened with { EditedCopy = EditedSpecCopy.Find(opened.Dir, opened.Spec, opened.SpecYaml) };
        if (overrides is not { Count: > 0 }) return opened;
        try
        {
            var (spec, yaml) = OverriddenSpec.Read(opened.SpecYaml, Path.Combine(opened.Dir, SweepFolder.SpecFileName), overrides, OverrideFlag);
            // A new record rather than `with`: the copy would keep the recorded spec's expanded trials.
            var grown = new OpenedSweep(opened.Dir, opened.Folder, spec, yaml, opened.Journal, opened.Lock, opened.Recorded)
            {
                EditedCopy = opened.EditedCopy,
            };
            var comparison = SpecComparison.Compare(opened.Spec, spec, grown.Trials);
            if (!comparison.Compatible)
                throw new UserInputException(
                    $"{string.Join(' ', overrides.Select(o => $"{OverrideFlag} {o}"))} cannot continue the sweep in {opened.Dir}, which may only grow (add grid points or seeds): " +
                    $"{string.Join("; ", comparison.Differences)}; give values that keep every recorded one, or start a new sweep with run SPEC --set ... --out ANOTHER_DIR.");
            return grown;
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
    }

    /// <summary>`report DIR`: the folder's sweep and the replay of its whole journal (read once, while no coordinator
    /// writes it), from which the report is projected.</summary>
    public async Task<(OpenedSweep Opened, SweepReplay Replay)> ForReportAsync(string dirArgument, CancellationToken cancellation)
    {
        SweepReplay? replay = null;
        // The replay's state is the journal's state, and its event count its last sequence number (events are never
        // deleted): what opening checks, without reading the latest snapshot as well.
        var opened = await ForFolderAsync(dirArgument, async (journal, persistenceId, token) =>
            (replay = await SweepJournalReader.ReadAsync(journal, persistenceId, token)) is { } read ? new RecoveredSweep(read.State, read.Events) : null,
            cancellation);
        if (replay is null)
        {
            await opened.DisposeAsync();
            throw new UserInputException($"the journal of {opened.Dir} holds no event yet, so there is nothing to report.");
        }
        return (opened, replay);
    }

    private async Task<OpenedSweep> ForFolderAsync(string dirArgument, StateRead readState, CancellationToken cancellation)
    {
        string dir = Path.GetFullPath(dirArgument);
        var folder = SweepFolder.Read(dir) ?? throw NotASweepFolder(dir);
        var (journal, journalLock, state) = await OpenExistingAsync(dir, folder, readState, cancellation);
        try
        {
            // A journal with no event yet (stopped during its first start) still has the copy of its spec.
            string yaml = state?.State.Definition?.SpecYaml ?? ReadSpecCopy(dir);
            return new OpenedSweep(dir, folder, SpecLoader.Parse(yaml, Path.Combine(dir, SweepFolder.SpecFileName)), yaml, journal, journalLock, state);
        }
        catch
        {
            await journalLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>`status DIR`: the folder's sweep as its journal holds it, read without taking the journal's lock and
    /// without writing any file, so a live sweep runs on undisturbed and a finished one stays byte for byte as it was.</summary>
    /// <exception cref="JournalException">The journal is missing or cannot be read.</exception>
    public async Task<SweepStatus> StatusAsync(string dirArgument, CancellationToken cancellation)
    {
        string dir = Path.GetFullPath(dirArgument);
        var folder = SweepFolder.Read(dir) ?? throw NotASweepFolder(dir);
        var journal = JournalBackends.ForFolder(dir, folder.Journal, _connection);
        if (journal is SqliteJournal { File: var file } && !File.Exists(file))
            throw new JournalException($"{file} is missing, so the sweep's state is unknown; restore it from a backup.");
        bool live = await journal.IsLockedElsewhereAsync(PersistenceId(folder), cancellation);
        // A SQLite sweep in its first second has no tables yet: nothing is recorded, and a read-only reader cannot make them.
        var read = journal is SqliteJournal sqliteJournal && !sqliteJournal.HasJournalTable() ? null
            : await SweepJournalReader.ReadStatusAsync(journal, PersistenceId(folder), SweepStatus.TailEvents, cancellation);
        var state = read?.State.State ?? SweepState.Empty;
        string name = state.Definition is { } definition ? SpecLoader.Parse(definition.SpecYaml, Path.Combine(dir, SweepFolder.SpecFileName)).Name : Path.GetFileName(dir);
        return SweepStatus.From(dir, name, live, state, read?.RecentEnds ?? [], DateTimeOffset.UtcNow);
    }

    private static UserInputException NotASweepFolder(string dir) =>
        new($"{dir} has no {SweepFolder.FileName}, so it is not a sweep folder; give the --out folder of a sweep that `run` or `coordinator` started.");

    private async Task<OpenedSweep> StartAsync(
        string dir, SweepSpec spec, string yaml, Task<IReadOnlyList<PlannedTrial>> expanding, CancellationToken cancellation)
    {
        var journal = JournalBackends.ForNewSweep(dir, _connection);
        var folder = SweepFolder.New(spec.Name, journal.Kind);
        OutputFolder.Create(dir);
        var journalLock = await JournalLock.AcquireAsync(journal, PersistenceId(folder), cancellation);
        try
        {
            journal.Prepare(mustExist: false);
            folder.WriteTo(dir);
        }
        catch
        {
            await journalLock.DisposeAsync();
            throw;
        }
        return new OpenedSweep(dir, folder, spec, yaml, journal, journalLock, null) { Expanding = expanding };
    }

    /// <summary>How opening reads the state a journal holds (null: no event of the sweep).</summary>
    private delegate Task<RecoveredSweep?> StateRead(IJournalBackend journal, string persistenceId, CancellationToken cancellation);

    /// <summary>Locks and checks the folder's journal, and reads the state it holds: for a run, its latest snapshot plus
    /// the events after it (the whole journal is replayed only when trials.jsonl must be rebuilt, see
    /// <see cref="OpenedSweep"/>); for a report, the whole replay.</summary>
    private async Task<(IJournalBackend, JournalLock, RecoveredSweep?)> OpenExistingAsync(
        string dir, SweepFolder folder, StateRead readState, CancellationToken cancellation)
    {
        var journal = JournalBackends.ForFolder(dir, folder.Journal, _connection);
        var journalLock = await JournalLock.AcquireAsync(journal, PersistenceId(folder), cancellation);
        try
        {
            journal.Prepare(mustExist: true);
            var state = await readState(journal, PersistenceId(folder), cancellation);
            if (state?.State.Definition is { FormatVersion: var version } && version != SweepJournalFormat.Version)
                throw new JournalException(
                    $"the journal of {dir} has format {version} and this SweepCluster writes format {SweepJournalFormat.Version}; it was left as it is: continue it with the version that wrote it, or start a new sweep in another folder with run SPEC --force-new.");
            return (journal, journalLock, state);
        }
        catch
        {
            await journalLock.DisposeAsync();
            throw;
        }
    }

    private static string PersistenceId(SweepFolder folder) => SweepPlan.PersistenceIdOf(folder.SweepId);

    private static string ReadSpecCopy(string dir)
    {
        string path = Path.Combine(dir, SweepFolder.SpecFileName);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new UserInputException($"{dir} has neither journal events nor spec.yaml; start the sweep again with run SPEC --out {dir}.");
    }

    /// <summary>DIR-2, DIR-3, ...: the first that does not exist.</summary>
    private static string FreeSibling(string dir)
    {
        for (int n = 2; ; n++)
        {
            string candidate = $"{dir.TrimEnd(Path.DirectorySeparatorChar)}-{n}";
            if (!Directory.Exists(candidate) && !File.Exists(candidate)) return candidate;
        }
    }
}
