using Spectre.Console;
using SweepCluster.Cli.Reports;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Verdicts;
using SweepCluster.Sessions;

namespace SweepCluster.Cli.Sweeps;

/// <summary>A node that holds the coordinator and the results folder (`run`, `coordinator`, `resume`): opens or
/// continues the sweep, runs until every trial has ended, a signal arrives or the journal fails, then writes the
/// summaries and plots.</summary>
internal static class CoordinatedSweep
{
    public static async Task<int> RunAsync(
        Func<Task<OpenedSweep>> open, NodeConfiguration configuration, NodeLogLevel logLevel, CancellationToken cancellation)
    {
        // The configuration was built, and its ports checked, before the folder is opened: the usual reason a node
        // cannot start leaves nothing behind.
        await using var opened = await open();
        string dir = opened.Dir;
        if (opened.InsteadOf is { } refused)
            Console.WriteLine($"--force-new: the sweep in {refused} cannot continue under this spec; starting a new sweep in {dir}.");
        IReadOnlyList<PlannedTrial> trials = opened.Trials;
        if (opened.EditedCopy is { } edited)
        {
            string kept = Path.Combine(dir, EditedSpecCopy.KeptFileName);
            AtomicFile.WriteAllText(kept, edited.Yaml);
            Console.WriteLine($"{SweepFolder.SpecFileName} was edited ({string.Join("; ", edited.Edits)}); resume keeps the spec its journal holds and rewrites {SweepFolder.SpecFileName} with it; the edit is kept in {kept} (grow the sweep with it by: sweepcluster run {kept} --out {dir}).");
        }
        AtomicFile.WriteAllText(Path.Combine(dir, SweepFolder.SpecFileName), opened.SpecYaml);
        // trials.jsonl is rebuilt from the journal first when a crash left it a line short or with a torn line.
        using var files = (await opened.OpenResultFilesAsync(cancellation)).Files;
        var sink = new ResultFolderSink(files);
        var plan = opened.Plan();
        bool interrupted;
        Task<SummaryFiles>? drawing = null;
        await using (var node = await SweepNode.StartAsync(configuration.InFolder(dir), new CoordinatorRole(opened, plan, sink), logLevel))
        {
            Console.WriteLine($"sweep {opened.Spec.Name}: {trials.Count} trials ({SpecDescription.VaryingAxes(opened.Spec)}), " +
                              (files.Count > 0 ? $"{files.Count} ended before this start, " : "") +
                              $"{node.Slots.Count} local slot(s) [{string.Join(", ", node.Slots.Select(s => $"{s.Device}x{s.Threads}"))}]" +
                              (node.Slots.Count > 0 ? $" in packs of up to {configuration.PackSize}; " : "; ") +
                              $"results in {dir}, journal {opened.Journal.Describe()}");
            // The node's own end counts too: a node downed or removed from its cluster has lost its coordinator, and
            // a process that lingered on with the journal lock held would stall the sweep for good.
            await SweepProgress.UntilAsync(node, sink, Task.WhenAny(sink.Finished, node.Terminated), cancellation);
            if (!sink.Finished.IsCompleted && node.Terminated.IsCompleted && !cancellation.IsCancellationRequested)
                throw new NodeLostException(
                    $"this coordinator's node was removed from its cluster (downed), so it stops; the {sink.Ended} trials that ended are kept in the journal ({opened.Journal.Describe()}): start the same command again, or let a supervisor that restarts on failure do it");
            interrupted = !sink.Finished.IsCompleted;
            // A finished sweep's files are whole: every trial has ended in the journal and no report can end one again.
            // Its summaries and plots are drawn on another thread while the node leaves its cluster (about a second).
            if (sink.Finished.IsCompletedSuccessfully) drawing = Task.Run(() => DrawSummaries(files, dir));
        }
        // Counted once the node has stopped: a worker's result can still be recorded while it stops, and the count
        // says what the journal keeps (a sweep whose last trial ended meanwhile has finished after all).
        if (interrupted && !sink.Finished.IsCompleted)
        {
            Console.WriteLine($"interrupted: {sink.Ended} of {trials.Count} trials ended and are kept; continue with: sweepcluster resume {dir}");
            WriteSummaries(files, dir, quiet: true);
            return 130;
        }
        if (sink.Finished.IsFaulted)
        {
            TryWriteSummaries(files, dir);
            if (sink.Finished.Exception!.InnerException is JournalTimeoutException timedOut)
                throw new JournalTimeoutException(
                    $"{timedOut.Message}; the {sink.Ended} trials that ended are kept in the journal ({opened.Journal.Describe()})", timedOut);
            throw new JournalException(
                $"the sweep stopped because {sink.Finished.Exception!.InnerException!.Message}; the {sink.Ended} trials that ended before are kept in the journal ({opened.Journal.Describe()}): fix the cause (disk space, database) and continue with: sweepcluster resume {dir}");
        }
        var summary = await sink.Finished;
        // A sweep whose last trial ended while the node stopped is drawn now.
        Print(drawing is null ? DrawSummaries(files, dir) : await drawing, dir);
        Console.WriteLine($"finished: {summary.Completed} completed, {summary.Failed} failed of {summary.Total}" +
                          (summary.DiscardedResults > 0 ? $", {summary.DiscardedResults} duplicate result(s) discarded" : "") + $"; results in {dir}");
        return summary.Failed == 0 ? 0 : 1;
    }

    /// <summary>After a journal failure the disk may be full too: the summaries are projections that `report` or the
    /// next start rebuild, so failing to write them must not hide the journal's error.</summary>
    private static void TryWriteSummaries(SweepResultFiles files, string dir)
    {
        try
        {
            WriteSummaries(files, dir, quiet: true);
        }
        catch (IOException e)
        {
            Console.WriteLine($"the summaries and plots were not written ({e.Message}); `sweepcluster report {dir}` writes them later.");
        }
    }

    /// <summary>trials.csv, curves, plots and report.md from what the folder's files hold; unless
    /// <paramref name="quiet"/>, lists them and prints the verdict table.</summary>
    public static void WriteSummaries(SweepResultFiles files, string dir, bool quiet)
    {
        var drawn = DrawSummaries(files, dir);
        if (!quiet) Print(drawn, dir);
    }

    private static SummaryFiles DrawSummaries(SweepResultFiles files, string dir)
    {
        var rows = files.WriteSummaries();
        var plots = BoundPlots.Write(rows, Path.Combine(dir, BoundPlots.FolderName));
        return new SummaryFiles(plots, VerdictReportFile.Write(dir, rows, plots, files.Count));
    }

    private static void Print(SummaryFiles drawn, string dir)
    {
        var (plots, verdicts) = drawn;
        Console.WriteLine($"  {Path.Combine(dir, TrialsJsonlWriter.FileName)}, {TrialsCsvWriter.FileName}, {CurveFiles.CsvFileName}, {CurveFiles.JsonFileName}, {VerdictReportFile.FileName}, {ReportHtml.FileName}");
        foreach (string file in plots.Files) Console.WriteLine($"  {file}");
        VerdictTable.Write(AnsiConsole.Console, verdicts);
    }

    private sealed record SummaryFiles(PlotsWritten Plots, VerdictReport Verdicts);
}
