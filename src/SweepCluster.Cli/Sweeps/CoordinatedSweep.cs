using Spectre.Console;
using SweepCluster.Cli.Reports;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Cli.Sweeps;

/// <summary>A node that holds the coordinator and the results folder (`run` and `coordinator`): plans the grid,
/// runs until every trial has ended or a signal arrives, then writes the summaries and plots.</summary>
public static class CoordinatedSweep
{
    public static async Task<int> RunAsync(string specPath, string? outDir, SweepClusterOptions options, string logLevel, CancellationToken cancellation)
    {
        SweepSpec spec = SpecLoader.Load(specPath);
        IReadOnlyList<PlannedTrial> trials = GridExpander.Expand(spec);
        string dir = Path.GetFullPath(outDir ?? Path.Combine("runs", spec.Name));
        if (File.Exists(Path.Combine(dir, TrialsJsonlWriter.FileName)))
            throw new UserInputException(
                $"--out {dir} already holds a sweep's trials.jsonl; resuming is not available yet, so give another --out folder or move that one away.");
        // A taken port is found before the folder is made, so the usual reason a node cannot start leaves nothing behind.
        SweepNode.EnsurePortFree(options);
        Directory.CreateDirectory(dir);
        File.Copy(specPath, Path.Combine(dir, "spec.yaml"), overwrite: true);
        using var files = new SweepResultFiles(dir);
        var sink = new ResultFolderSink(files);
        var plan = new SweepPlan(trials, spec.Training.MaxAttempts);
        await using (var node = await SweepNode.StartAsync(options, (plan, sink), logLevel))
        {
            Console.WriteLine($"sweep {spec.Name}: {trials.Count} trials ({SpecDescription.VaryingAxes(spec)}), " +
                              $"{node.Slots.Count} local slot(s) [{string.Join(", ", node.Slots.Select(s => $"{s.Device}x{s.Threads}"))}]; results in {dir}");
            await SweepProgress.UntilAsync(node, sink, cancellation);
            if (!sink.Finished.IsCompleted)
            {
                Console.WriteLine($"interrupted: {sink.Ended} of {trials.Count} trials ended and are in {Path.Combine(dir, TrialsJsonlWriter.FileName)}; running trials were abandoned.");
                WriteSummaries(files, dir, quiet: true);
                return 130;
            }
        }
        var summary = await sink.Finished;
        WriteSummaries(files, dir, quiet: false);
        Console.WriteLine($"finished: {summary.Completed} completed, {summary.Failed} failed of {summary.Total}" +
                          (summary.DiscardedResults > 0 ? $", {summary.DiscardedResults} duplicate result(s) discarded" : "") + $"; results in {dir}");
        return summary.Failed == 0 ? 0 : 1;
    }

    private static void WriteSummaries(SweepResultFiles files, string dir, bool quiet)
    {
        var rows = files.WriteSummaries();
        var plots = BoundPlots.Write(rows, Path.Combine(dir, "plots"));
        if (quiet) return;
        Console.WriteLine($"  {Path.Combine(dir, TrialsJsonlWriter.FileName)}, {TrialsCsvWriter.FileName}, {CurveFiles.CsvFileName}, {CurveFiles.JsonFileName}");
        foreach (string file in plots.Files) Console.WriteLine($"  {file}");
    }
}
