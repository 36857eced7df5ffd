using System.Text.RegularExpressions;
using SweepCluster.Core.Results;
using SweepCluster.Core.Verdicts;

namespace SweepCluster.Cli.Reports;

/// <summary>Judges the curves and writes DIR/report.md and, from the same text, DIR/report.html, each atomically; every
/// writer of the summaries calls this, so the live run and `report DIR` produce the same files.</summary>
internal static partial class VerdictReportFile
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

    /// <summary>The verdict of each prediction in <paramref name="directory"/>'s report.md (its summary table, as
    /// <see cref="VerdictMarkdown.Format"/> writes it), in table order; none when there is no report yet.</summary>
    public static IReadOnlyList<(string Prediction, string Verdict)> ReadVerdicts(string directory)
    {
        string path = Path.Combine(directory, FileName);
        return File.Exists(path)
            ? File.ReadLines(path).Select(line => SummaryRow().Match(line)).Where(m => m.Success)
                .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).DistinctBy(v => v.Item1).ToList()
            : [];
    }

    /// <summary>`| P3 ... | **pass** | why |`.</summary>
    [GeneratedRegex(@"^\| (P\d+)\b[^|]*\| \*\*([^*]+)\*\* \|")]
    private static partial Regex SummaryRow();
}
