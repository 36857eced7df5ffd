using System.ComponentModel;
using Spectre.Console.Cli;
using SweepCluster.Cli.Sweeps;
using SweepCluster.Sessions;
using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Commands;

/// <summary>`sweepcluster report DIR`: rebuilds trials.jsonl, trials.csv, curves.* and plots/ from the journal alone.</summary>
internal sealed class ReportCommand : Command<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The sweep's results folder.")]
        public string Dir { get; init; } = "";

        [CommandOption("--journal <CONNECTION>")]
        [Description("PostgreSQL connection string, for a sweep whose journal is there (also SWEEPCLUSTER_JOURNAL).")]
        public string? Journal { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation) =>
        WriteAsync(settings, cancellation).GetAwaiter().GetResult();

    private static async Task<int> WriteAsync(Settings settings, CancellationToken cancellation)
    {
        var (opened, replay) = await new SweepOpener(settings.Journal).ForReportAsync(settings.Dir, cancellation);
        await using var _ = opened;
        using (var files = SweepResultFiles.Rebuild(opened.Dir, replay.Ended))
            CoordinatedSweep.WriteSummaries(files, opened.Dir, quiet: false);
        var state = replay.State;
        Console.WriteLine($"report of {opened.Folder.SweepId} from {replay.Events} journal events: " +
                          $"{state.Count(Core.Sweep.TrialPhase.Completed)} completed, {state.Count(Core.Sweep.TrialPhase.Failed)} failed, " +
                          $"{state.Total - replay.Ended.Count} not ended of {state.Total}");
        return 0;
    }
}
