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
        Assert.StartsWith("# Verdict on the predictions of docs/SCIENCE.md section 8", text);
        Assert.Contains("section 8 of `docs/SCIENCE.md` in the SweepCluster repository", text);
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
    public void A_cmi_sweep_prints_its_selections_their_bias_and_each_cmi_bound_beside_its_null()
    {
        var rows = Curves.Grid(cmi: true);
        var text = VerdictMarkdown.Format(VerdictEngine.Judge(rows), curves: 4, points: rows.Count, fcmi: true);

        Assert.Contains("CMI bounds (estimated, not certified; not judged): 30 selections per supersample", text);
        // fcmi_bias 0.05 nats per pair is sqrt(0.1) = 0.3162 in the bound's scale.
        Assert.Contains("here 0.05 to 0.05 nats per pair (fcmi_bias), which alone gives sqrt(2 x bias) = 0.3162 to 0.3162", text);
        Assert.Contains("| curve | depth | b_fcmi | null (q95) | above null | corrected | MM | b_ldcmi | null (q95) | corrected | MM | fcmi_gap |", text);
        // Depth 3: b_fcmi 0.23 is above its null's 95% quantile 0.22 in the mean and in each of the 3 units (both spread
        // by 10%); depth 1's 0.21 is below it everywhere.
        Assert.Contains("| 3 | 0.23 | 0.2 (0.22) | yes, 3 of 3 | 0.03 | 0.06 | 0.18 | 0.2 (0.22) | 0.03 | 0.06 | 0.02 [0.016, 0.024] |", text);
        Assert.Contains("| 1 | 0.21 | 0.2 (0.22) | no, 0 of 3 |", text);
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
