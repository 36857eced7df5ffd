using SweepCluster.Core.Results;
using SweepCluster.Core.Verdicts;

namespace SweepCluster.Cli.Reports;

/// <summary>Judges the curves and writes DIR/report.md and, from the same text, DIR/report.html, each atomically; every
/// writer of the summaries calls this, so the live run and `report DIR` produce the same files.</summary>
internal static class VerdictReportFile
{
    public const string FileName = "report.md";

    /// <summary>Writes report.md and report.html into <paramref name="directory"/> from <paramref name="rows"/>, the
    /// figures <paramref name="plots"/> and the run's <paramref name="trialsEnded"/>; returns the verdicts.</summary>
    public static VerdictReport Write(string directory, IReadOnlyList<CurveRow> rows, PlotsWritten plots, int trialsEnded)
    {
        var report = VerdictEngine.Judge(rows);
        var curves = rows.Select(r => r.Key).Distinct().Count();
        var markdown = VerdictMarkdown.Format(report, curves, rows.Count, fcmi: rows.Any(r => r.Mean(CurveQuantities.BFcmi) is not null)) +
                       StudyMarkdown.Format(rows);
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), markdown);
        var spec = Path.Combine(directory, Sessions.SweepFolder.SpecFileName);
        var facts = new RunFacts(trialsEnded, curves, rows.Count, File.Exists(spec) ? File.ReadAllText(spec) : null);
        AtomicFile.WriteAllText(Path.Combine(directory, ReportHtml.FileName), ReportHtml.Format(markdown, plots.Files, facts));
        return report;
    }
}
