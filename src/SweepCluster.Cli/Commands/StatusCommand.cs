using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console.Cli;
using SweepCluster.Cli.Reports;
using SweepCluster.Sessions;

namespace SweepCluster.Cli.Commands;

/// <summary>`sweepcluster status DIR`: a sweep's progress from its journal (trials by phase, and while it runs the rate
/// and time left) and the verdicts of its last report.md, without taking the journal's lock or writing anything.</summary>
internal sealed class StatusCommand : Command<StatusCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The sweep's results folder (it holds sweep.json and, by default, journal.db); live or finished.")]
        public string Dir { get; init; } = "";

        [CommandOption("--journal <CONNECTION>")]
        [Description("PostgreSQL connection string of the sweep's journal (also SWEEPCLUSTER_JOURNAL); default: DIR/journal.db.")]
        public string? Journal { get; init; }

        [CommandOption("--json")]
        [Description("Print the status as one JSON object.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var status = new SweepOpener(settings.Journal).StatusAsync(settings.Dir, cancellation).GetAwaiter().GetResult();
        var verdicts = VerdictReportFile.ReadVerdicts(status.Dir);
        Console.WriteLine(settings.Json ? Json(status, verdicts) : Text(status, verdicts));
        return 0;
    }

    private static string Text(SweepStatus s, IReadOnlyList<(string Prediction, string Verdict)> verdicts)
    {
        int left = s.Pending + s.Running;
        string state = s.Live ? "live (a coordinator is writing its journal)"
            : left == 0 ? "finished"
            : $"stopped with {left} trial(s) left; continue it with: sweepcluster resume {s.Dir}";
        var lines = new List<string>
        {
            $"sweep {s.Name} in {s.Dir}: {state}",
            $"trials: {s.Total} planned, {s.Completed} completed, {s.Failed} failed, {s.Running} running, {s.Pending} pending",
        };
        if (s.Live)
            lines.Add(s.PerMinute is { } rate
                ? $"rate: {rate.ToString("0.0", CultureInfo.InvariantCulture)} trials/min over the last {SweepStatus.RateWindow.TotalMinutes:0} min; ETA {Duration(s.Eta!.Value)}"
                : $"rate: no trial ended in the last {SweepStatus.RateWindow.TotalMinutes:0} min, so no ETA yet");
        lines.Add(verdicts.Count == 0
            ? $"verdicts: none yet ({VerdictReportFile.FileName} is written when the sweep ends)"
            : $"verdicts ({VerdictReportFile.FileName}): {string.Join(", ", verdicts.Select(v => $"{v.Prediction} {v.Verdict}"))}");
        return string.Join(Environment.NewLine, lines);
    }

    private static string Json(SweepStatus s, IReadOnlyList<(string Prediction, string Verdict)> verdicts) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["dir"] = s.Dir,
            ["name"] = s.Name,
            ["live"] = s.Live,
            ["total"] = s.Total,
            ["completed"] = s.Completed,
            ["failed"] = s.Failed,
            ["running"] = s.Running,
            ["pending"] = s.Pending,
            ["per_minute"] = s.PerMinute,
            ["eta_seconds"] = s.Eta?.TotalSeconds,
            ["verdicts"] = verdicts.ToDictionary(v => v.Prediction, v => v.Verdict),
        });

    private static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes} min" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{t.Seconds} s";
}
