using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Sessions;

/// <summary>Decides whether a command starts a sweep or continues one, and refuses what would mix two sweeps: a
/// folder's journal continues only under a spec that adds grid points or seeds and changes nothing else.</summary>
public static class SweepOpener
{
    /// <summary>`run SPEC --out DIR` and `coordinator`: a new sweep in DIR, or DIR's sweep continued under SPEC.</summary>
    /// <param name="connection">The PostgreSQL connection string the user gave (flag or environment), or null.</param>
    public static async Task<OpenedSweep> ForSpecAsync(string specPath, string? outDir, string? connection, bool forceNew, CancellationToken cancellation)
    {
        // Read once: the spec that runs and the text the journal records are the same file contents.
        string yaml = SpecLoader.ReadText(specPath);
        SweepSpec spec = SpecLoader.Parse(yaml, specPath);
        string dir = Path.GetFullPath(outDir ?? Path.Combine("runs", spec.Name));
        if (SweepFolder.Read(dir) is not { } folder)
        {
            if (File.Exists(Path.Combine(dir, TrialsJsonlWriter.FileName)))
                throw new UserInputException(
                    $"--out {dir} holds a trials.jsonl but no {SweepFolder.FileName}, so it is not a sweep this version can continue; give another --out folder.");
            return await StartAsync(dir, spec, yaml, connection, cancellation);
        }

        (JournalSettings, JournalLock, SweepReplay?) existing;
        try
        {
            existing = await OpenExistingAsync(dir, folder, connection, cancellation);
        }
        catch (JournalException) when (forceNew)
        {
            // The folder's journal cannot be continued (damaged, another version's, in use): a new sweep beside it.
            return await StartAsync(FreeSibling(dir), spec, yaml, connection, cancellation) with { InsteadOf = dir };
        }
        var (journal, journalLock, replay) = existing;
        var opened = new OpenedSweep(dir, folder, spec, yaml, journal, journalLock, replay);
        if (replay?.State.Definition is not { } recorded) return opened;
        var comparison = SpecComparison.Compare(SpecLoader.Parse(recorded.SpecYaml, Path.Combine(dir, SweepFolder.SpecFileName)), spec);
        if (comparison.Compatible) return opened;

        await opened.DisposeAsync();
        if (!forceNew)
            throw new UserInputException(
                $"{Path.GetFileName(specPath)} cannot continue the sweep in {dir}, which may only grow (add grid points or seeds): " +
                $"{string.Join("; ", comparison.Differences)}; restore those settings, or pass --force-new to start a new sweep in a new folder.");
        return await StartAsync(FreeSibling(dir), spec, yaml, connection, cancellation) with { InsteadOf = dir };
    }

    /// <summary>`resume DIR`: the folder's sweep, under the spec its journal holds.</summary>
    public static async Task<OpenedSweep> ForFolderAsync(string dirArgument, string? connection, CancellationToken cancellation)
    {
        string dir = Path.GetFullPath(dirArgument);
        var folder = SweepFolder.Read(dir) ?? throw new UserInputException(
            $"{dir} has no {SweepFolder.FileName}, so it is not a sweep folder; give the --out folder of a sweep that `run` or `coordinator` started.");
        var (journal, journalLock, replay) = await OpenExistingAsync(dir, folder, connection, cancellation);
        try
        {
            // A journal with no event yet (stopped during its first start) still has the copy of its spec.
            string yaml = replay?.State.Definition?.SpecYaml ?? ReadSpecCopy(dir);
            return new OpenedSweep(dir, folder, SpecLoader.Parse(yaml, Path.Combine(dir, SweepFolder.SpecFileName)), yaml, journal, journalLock, replay);
        }
        catch
        {
            await journalLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>`report DIR`: the folder's journal, read while no coordinator writes it.</summary>
    public static async Task<OpenedSweep> ForReportAsync(string dirArgument, string? connection, CancellationToken cancellation)
    {
        var opened = await ForFolderAsync(dirArgument, connection, cancellation);
        if (opened.Replay is null)
        {
            await opened.DisposeAsync();
            throw new UserInputException($"the journal of {opened.Dir} holds no event yet, so there is nothing to report.");
        }
        return opened;
    }

    private static async Task<OpenedSweep> StartAsync(string dir, SweepSpec spec, string yaml, string? connection, CancellationToken cancellation)
    {
        var journal = connection is null ? JournalSettings.SqliteIn(dir) : JournalConnection.PostgreSql(connection);
        var folder = SweepFolder.New(spec.Name, journal.Kind);
        OutputFolder.Create(dir);
        var journalLock = await JournalLock.AcquireAsync(journal, PersistenceId(folder), cancellation);
        try
        {
            if (journal.SqliteFile is { } file) SqliteJournalFile.Prepare(file, mustExist: false);
            folder.WriteTo(dir);
        }
        catch
        {
            await journalLock.DisposeAsync();
            throw;
        }
        return new OpenedSweep(dir, folder, spec, yaml, journal, journalLock, null);
    }

    private static async Task<(JournalSettings, JournalLock, SweepReplay?)> OpenExistingAsync(
        string dir, SweepFolder folder, string? connection, CancellationToken cancellation)
    {
        var journal = folder.JournalIn(dir, connection);
        var journalLock = await JournalLock.AcquireAsync(journal, PersistenceId(folder), cancellation);
        try
        {
            if (journal.SqliteFile is { } file) SqliteJournalFile.Prepare(file, mustExist: true);
            var replay = await SweepJournalReader.ReadAsync(journal, PersistenceId(folder), cancellation);
            if (replay?.State.Definition is { FormatVersion: var version } && version != SweepJournalFormat.Version)
                throw new JournalException(
                    $"the journal of {dir} has format {version} and this SweepCluster writes format {SweepJournalFormat.Version}; it was left as it is: continue it with the version that wrote it, or start a new sweep in another folder with run SPEC --force-new.");
            return (journal, journalLock, replay);
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
