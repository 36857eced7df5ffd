using SweepCluster.Cli.Reports;
using SweepCluster.Core.Verdicts;

namespace SweepCluster.Cli.Tests.Reports;

public sealed class VerdictMarkdownTests
{
    [Fact]
    public void The_report_opens_with_one_table_row_per_prediction_then_a_section_each_with_rule_and_links()
    {
        var rows = Curves.Grid();
        var report = VerdictEngine.Judge(rows);

        var text = VerdictMarkdown.Format(report, curves: 4, points: rows.Count);

        var lines = text.Split('\n');
        var header = Array.IndexOf(lines, "| prediction | verdict | why |");
        Assert.True(header > 0);
        for (var p = 0; p < 7; p++)
        {
            var verdict = report.Predictions[p];
            Assert.StartsWith($"| P{p + 1} ", lines[header + 2 + p]);
            Assert.Contains($"**{VerdictWords.Of(verdict.Verdict)}**", lines[header + 2 + p]);
            Assert.Contains($"## P{p + 1} ", text);
            Assert.Contains($"Rule: {verdict.Rule}", text);
        }
        Assert.Contains("## Thresholds", text);
        Assert.Contains($"Predictions: {VerdictMarkdown.Counts(report)}.", text);
        Assert.Contains("Holm", text);
        Assert.Contains("(plots/bound_vs_depth.png)", text);
        Assert.Contains("(plots/error_vs_depth.png)", text);
        Assert.Contains("4 curve(s), 20 (curve, depth) point(s)", text);
    }

    [Fact]
    public void An_identity_is_printed_as_such_and_counted_apart_from_the_passes()
    {
        var identity = new PredictionVerdict(Prediction.BoundShape, Verdict.Identity, "holds by construction", "rule",
            [new CurveEvidence("width=4: b_paper", Verdict.Identity, "one value across seeds")], []);
        var pass = new PredictionVerdict(Prediction.DataProcessing, Verdict.Pass, "1 of 1 judged hold", "rule", [], []);
        var report = new VerdictReport([identity, pass], new VerdictThresholds());

        var text = VerdictMarkdown.Format(report, 1, 2);

        Assert.Contains("| **identity** | holds by construction |", text);
        Assert.Contains("| width=4: b_paper | identity | one value across seeds |", text);
        Assert.Contains("Predictions: 1 pass, 0 fail, 1 identity, 0 no prediction, 0 not testable.", text);
    }

    [Fact]
    public void A_pipe_in_evidence_does_not_break_the_table()
    {
        var verdict = new PredictionVerdict(Prediction.BoundShape, Verdict.Fail, "a | b", "rule",
            [new CurveEvidence("width=4", Verdict.Fail, "x | y")], []);
        var report = new VerdictReport([verdict], new VerdictThresholds());

        var text = VerdictMarkdown.Format(report, 1, 2);

        Assert.Contains("| **fail** | a \\| b |", text);
        Assert.Contains("| width=4 | fail | x \\| y |", text);
    }
}
