using SweepCluster.Core.Results;
using SweepCluster.Core.Verdicts;

namespace SweepCluster.Cli.Reports;

/// <summary>Judges the curves and writes DIR/report.md atomically; every writer of the summaries calls this, so the
/// live run and `report DIR` produce the same file.</summary>
internal static class VerdictReportFile
{
    public const string FileName = "report.md";

    /// <summary>Writes report.md into <paramref name="directory"/> from <paramref name="rows"/>; returns the verdicts.</summary>
    public static VerdictReport Write(string directory, IReadOnlyList<CurveRow> rows)
    {
        var report = VerdictEngine.Judge(rows);
        var curves = rows.Select(r => r.Key).Distinct().Count();
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), VerdictMarkdown.Format(report, curves, rows.Count,
            fcmi: rows.Any(r => r.Mean(CurveQuantities.BFcmi) is not null)) + StudyMarkdown.Format(rows));
        return report;
    }
}
