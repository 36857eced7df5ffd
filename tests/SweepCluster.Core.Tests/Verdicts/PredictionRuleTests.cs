using SweepCluster.Core.Results;
using SweepCluster.Core.Verdicts;
using static SweepCluster.Core.Tests.Verdicts.VerdictCurves;

namespace SweepCluster.Core.Tests.Verdicts;

/// <summary>Each prediction's verdict on curves built to hold it, and on curves built to break it.</summary>
public sealed class PredictionRuleTests
{
    private static readonly int[] _depths = [1, 2, 3, 4];

    private static PredictionVerdict Judge(IReadOnlyList<CurveRow> rows, Prediction prediction) =>
        VerdictEngine.Judge(rows).Predictions.Single(p => p.Prediction == prediction);

    private static void AssertVerdict(Verdict expected, PredictionVerdict actual) =>
        Assert.True(expected == actual.Verdict,
            $"{PredictionNames.Id(actual.Prediction)}: expected {expected}, got {actual.Verdict}: {actual.Why} | " +
            string.Join(" | ", actual.Evidence.Select(e => $"{e.Curve}: {e.Verdict} {e.Detail}")));

    [Fact]
    public void A_sweep_shaped_as_the_paper_says_passes_every_prediction_it_can_test()
    {
        var keys = new[] { Key(4, 0.5), Key(4, 1.0), Key(16, 0.5), Key(16, 1.0), Key(4, 0.5, labelNoise: 0.2),
            Key(4, 0.5, mode: "frozen_features"), Key(4, 1.0, mode: "frozen_features") };

        var report = VerdictEngine.Judge(Rows(keys, _depths));

        Assert.Equal(Enum.GetValues<Prediction>(), report.Predictions.Select(p => p.Prediction));
        foreach (var prediction in report.Predictions) AssertVerdict(Verdict.Pass, prediction);
    }

    [Fact]
    public void Curves_outside_a_pass_are_counted_by_why()
    {
        var verdict = Judge(Rows([Key(actNoise: 0), Key(actNoise: 0.5)], _depths), Prediction.GapVersusDepth);

        AssertVerdict(Verdict.Pass, verdict);
        Assert.Equal("1 of 1 judged hold; 1 no prediction", verdict.Why);
    }

    [Fact]
    public void P1_fails_when_b_paper_rises_beyond_its_interval_with_depth()
    {
        var pass = Judge(Rows([Key()], _depths), Prediction.BoundShape);
        var fail = Judge(Rows([Key()], _depths, values: Override(CurveQuantities.BPaper, (_, d, s) => 1 + 0.2 * d + Jitter(s))),
            Prediction.BoundShape);

        AssertVerdict(Verdict.Pass, pass);
        AssertVerdict(Verdict.Fail, fail);
        Assert.Contains("3 of 3 depth steps rise", fail.Evidence[0].Detail);
    }

    [Fact]
    public void P1_in_frozen_features_fails_when_ln_b_paper_does_not_fall_by_half_ln_eta_per_layer()
    {
        var frozen = Key(mode: "frozen_features");
        // Falls with depth, but as eta^L rather than eta^(L/2): monotone, yet not the formula's slope.
        var tooSteep = Override(CurveQuantities.BPaper, (k, d, s) => (2.0 + Jitter(s)) * Math.Pow(Eta(k), d));

        var pass = Judge(Rows([frozen], _depths), Prediction.BoundShape);
        var fail = Judge(Rows([frozen], _depths, values: tooSteep), Prediction.BoundShape);

        AssertVerdict(Verdict.Pass, pass);
        Assert.Contains("(consistent)", pass.Evidence[0].Detail);
        AssertVerdict(Verdict.Fail, fail);
        Assert.Contains("(inconsistent)", fail.Evidence[0].Detail);
    }

    [Fact]
    public void P1_P3_and_P4_make_no_prediction_without_activation_noise()
    {
        var rows = Rows([Key(actNoise: 0)], _depths);

        AssertVerdict(Verdict.NoPrediction, Judge(rows, Prediction.BoundShape));
        AssertVerdict(Verdict.NoPrediction, Judge(rows, Prediction.GapVersusDepth));
        AssertVerdict(Verdict.NoPrediction, Judge(rows, Prediction.TrainErrorVersusDepth));
        Assert.Contains("act_noise 0", Judge(rows, Prediction.GapVersusDepth).Why);
    }

    [Fact]
    public void P2_fails_when_a_raw_upper_value_rises_beyond_its_standard_error()
    {
        var rising = Override(LayerQuantities.Name(2, LayerQuantity.IXTUpper), (k, _, s) => 4.0 * Eta(k) + 0.5 + Jitter(s));

        var pass = Judge(Rows([Key()], _depths), Prediction.DataProcessing);
        var fail = Judge(Rows([Key()], _depths, values: rising), Prediction.DataProcessing);

        AssertVerdict(Verdict.Pass, pass);
        AssertVerdict(Verdict.Fail, fail);
        Assert.Contains("3 beyond the error", fail.Evidence[0].Detail);
    }

    [Fact]
    public void P2_allows_a_raw_rise_inside_the_monte_carlo_error_and_fails_any_dpi_rise()
    {
        // Layer 2 above layer 1 by 0.02 nats with a standard error of 0.05: within two errors, not a violation.
        Values withinError = (k, d, n, s) =>
            n == LayerQuantities.Name(2, LayerQuantity.IXTUpper) ? 4.0 * Eta(k) + 0.02 + Jitter(s)
            : n == LayerQuantities.Name(1, LayerQuantity.IXTUpper) ? 4.0 * Eta(k) + Jitter(s)
            : n.EndsWith("_i_x_t_upper_se", StringComparison.Ordinal) ? 0.05
            : Healthy(k, d, n, s);
        Values dpiRises = (k, d, n, s) =>
            n == LayerQuantities.Name(2, LayerQuantity.IXTUpperDpi) ? 4.0 * Eta(k) + 0.001 + Jitter(s)
            : n == LayerQuantities.Name(1, LayerQuantity.IXTUpperDpi) ? 4.0 * Eta(k) + Jitter(s)
            : Healthy(k, d, n, s);

        var within = Judge(Rows([Key()], _depths, values: withinError), Prediction.DataProcessing);
        var dpi = Judge(Rows([Key()], _depths, values: dpiRises), Prediction.DataProcessing);

        AssertVerdict(Verdict.Pass, within);
        Assert.Contains("0 beyond the error", within.Evidence[0].Detail);
        AssertVerdict(Verdict.Fail, dpi);
        Assert.Contains("9 DPI-tightened rises", dpi.Evidence[0].Detail);
    }

    [Fact]
    public void P2_makes_no_prediction_on_binning_values()
    {
        Values binned = (k, d, n, s) => LayerQuantities.TryParse(n, out var layer, out var q)
            ? q switch
            {
                LayerQuantity.BinnedIXT => 3.0 - 0.1 * layer + Jitter(s),
                LayerQuantity.BinnedIYT => 1.0 + Jitter(s),
                LayerQuantity.EtaAnalytic => 1.0,
                _ => null,
            }
            : Healthy(k, d, n, s);

        var verdict = Judge(Rows([Key(actNoise: 0)], _depths, values: binned), Prediction.DataProcessing);

        AssertVerdict(Verdict.NoPrediction, verdict);
        Assert.Contains("clustering", verdict.Why);
    }

    [Fact]
    public void P3_fails_when_the_gap_interval_rises_wholly_above_the_shallower_ones()
    {
        var pass = Judge(Rows([Key()], _depths), Prediction.GapVersusDepth);
        var fail = Judge(Rows([Key()], _depths, values: Override(CurveQuantities.Gap, (_, d, s) => 0.05 * d + Jitter(s))),
            Prediction.GapVersusDepth);
        // Rising means whose intervals overlap are allowed.
        var overlap = Judge(Rows([Key()], _depths, values: Override(CurveQuantities.Gap, (_, d, s) => 0.1 + 0.0005 * d + 10 * Jitter(s))),
            Prediction.GapVersusDepth);

        AssertVerdict(Verdict.Pass, pass);
        AssertVerdict(Verdict.Fail, fail);
        AssertVerdict(Verdict.Pass, overlap);
    }

    [Fact]
    public void P4_fails_when_train_error_falls_while_I_Y_T_falls_and_is_silent_when_I_Y_T_never_falls()
    {
        var falling = Override(CurveQuantities.TrainError, (_, d, s) => 0.5 - 0.1 * d + Jitter(s));
        Values iytRises = (k, d, n, s) => LayerQuantities.TryParse(n, out var layer, out var q) && q == LayerQuantity.IYT
            ? 0.5 + 0.1 * layer + Jitter(s)
            : Healthy(k, d, n, s);

        var pass = Judge(Rows([Key()], _depths), Prediction.TrainErrorVersusDepth);
        var fail = Judge(Rows([Key()], _depths, values: falling), Prediction.TrainErrorVersusDepth);
        var silent = Judge(Rows([Key()], _depths, values: iytRises), Prediction.TrainErrorVersusDepth);

        AssertVerdict(Verdict.Pass, pass);
        AssertVerdict(Verdict.Fail, fail);
        AssertVerdict(Verdict.NoPrediction, silent);
        Assert.Contains("least test error at depth", pass.Evidence[0].Detail);
    }

    [Fact]
    public void P4_reports_where_the_least_test_error_moves_with_noise_and_width()
    {
        // U-shaped test error whose minimum sits at 4 - 2 * act_noise: more noise, shallower minimum.
        Values uShaped = (k, d, n, s) => n == CurveQuantities.TestError
            ? 0.2 + 0.01 * Math.Pow(d - (4 - 2 * k.ActNoise), 2) + Jitter(s)
            : Healthy(k, d, n, s);

        var verdict = Judge(Rows([Key(4, 0.5), Key(4, 1.0)], [1, 2, 3, 4, 5], values: uShaped), Prediction.TrainErrorVersusDepth);

        var finding = Assert.Single(verdict.Findings);
        Assert.Contains("act_noise=0.5: L=3 -> act_noise=1: L=2", finding);
        Assert.Contains("stays or moves shallower", finding);
    }

    [Fact]
    public void P5_fails_when_the_gap_exceeds_a_certified_bound_and_b_paper_below_the_gap_is_only_a_finding()
    {
        var frozen = Key(mode: "frozen_features");
        var tooTight = Override(CurveQuantities.BXrOut, (_, _, s) => 0.01 + Jitter(s) / 10);
        var paperBelow = Override(CurveQuantities.BPaper, (_, d, s) => 0.001 * Math.Pow(0.9, d) + Jitter(s) / 10);

        var pass = Judge(Rows([frozen], _depths), Prediction.Validity);
        var fail = Judge(Rows([frozen], _depths, values: tooTight), Prediction.Validity);
        var finding = Judge(Rows([frozen], _depths, values: paperBelow), Prediction.Validity);

        AssertVerdict(Verdict.Pass, pass);
        AssertVerdict(Verdict.Fail, fail);
        Assert.Contains("b_xr_out", fail.Why);
        AssertVerdict(Verdict.Pass, finding);
        Assert.Equal(4, finding.Findings.Count);
        Assert.Contains("b_paper", finding.Findings[0]);
    }

    [Fact]
    public void P5_reports_cmi_bounds_beside_their_null_apart_from_the_certified_verdict()
    {
        // An end_to_end CMI sweep: no certified bound. b_fcmi stands clear of its null at depths 1 and 2 only, and at
        // depth 2 its corrected value falls below the gap.
        VerdictCurves.Values cmi = (key, depth, name, seed) => name switch
        {
            CurveQuantities.FcmiGap => 0.2 + Jitter(seed),
            CurveQuantities.BFcmi => (depth <= 2 ? 0.6 : 0.3) + Jitter(seed),
            CurveQuantities.BFcmiNull => 0.3 + Jitter(seed),
            CurveQuantities.BFcmiNullQ95 => 0.33 + Jitter(seed),
            CurveQuantities.BFcmiCorrected => (depth == 1 ? 0.4 : depth == 2 ? 0.1 : 0.02) + Jitter(seed),
            CurveQuantities.BFcmiMillerMadow => 0.1 + Jitter(seed),
            CurveQuantities.CmiSelections => 120,
            CurveQuantities.FcmiBias => 0.03,
            _ => Healthy(key, depth, name, seed),
        };
        var verdict = Judge(Rows([Key()], _depths, values: cmi), Prediction.Validity);

        AssertVerdict(Verdict.NotTestable, verdict);
        Assert.Equal(_depths.Length, verdict.CmiPoints.Count);
        Assert.Equal([true, true, false, false], verdict.CmiPoints.Select(p => p.Distinguishable));
        Assert.All(verdict.CmiPoints, p => Assert.Equal(120, p.Selections));
        Assert.Equal(3, verdict.CmiPoints[0].AboveNull);
        Assert.Null(verdict.CmiPoints[0].Ldcmi);
        Assert.Contains(verdict.Findings, f => f.Contains("b_fcmi (estimated) is distinguishable from its null at 2 of 4 depths (1, 2)") &&
                                               f.Contains("below the gap's upper edge at depth 2, 3, 4"));
    }

    [Fact]
    public void P5_is_not_testable_without_a_certified_bound()
    {
        var verdict = Judge(Rows([Key(mode: "end_to_end")], _depths), Prediction.Validity);

        AssertVerdict(Verdict.NotTestable, verdict);
        Assert.Contains("certified", verdict.Why);
    }

    [Fact]
    public void P6_fails_when_more_noise_lowers_train_error_or_a_narrower_width_raises_eta()
    {
        var noiseKeys = new[] { Key(4, 0.5), Key(4, 1.0) };
        var lowerWithNoise = Override(CurveQuantities.TrainError, (k, d, s) => 0.5 - 0.3 * k.ActNoise + 0.01 * d + Jitter(s));
        var widthKeys = new[] { Key(4, 0.5), Key(16, 0.5) };
        var narrowIsLoose = Override(CurveQuantities.EtaAnalyticProduct, (k, d, _) => Math.Pow(k.Width == 4 ? 0.99 : 0.9, d));

        AssertVerdict(Verdict.Pass, Judge(Rows(noiseKeys, _depths), Prediction.NoiseAndWidth));
        AssertVerdict(Verdict.Fail, Judge(Rows(noiseKeys, _depths, values: lowerWithNoise), Prediction.NoiseAndWidth));
        AssertVerdict(Verdict.Pass, Judge(Rows(widthKeys, _depths), Prediction.NoiseAndWidth));
        var width = Judge(Rows(widthKeys, _depths, values: narrowIsLoose), Prediction.NoiseAndWidth);
        AssertVerdict(Verdict.Fail, width);
        Assert.Contains("width 4", width.Why);
    }

    [Fact]
    public void P6_is_not_testable_when_act_noise_and_width_have_one_value()
    {
        var verdict = Judge(Rows([Key()], _depths), Prediction.NoiseAndWidth);

        AssertVerdict(Verdict.NotTestable, verdict);
        Assert.Equal("act_noise and width have one value each", verdict.Why);
    }

    [Fact]
    public void P7_fails_when_label_noise_lowers_the_gap_or_a_bound()
    {
        var keys = new[] { Key(labelNoise: 0), Key(labelNoise: 0.2) };
        var gapFalls = Override(CurveQuantities.Gap, (k, d, s) => 0.2 - 0.5 * k.LabelNoise + Jitter(s));
        var boundFalls = Override(CurveQuantities.BXrOut, (k, _, s) => 2.0 - k.LabelNoise + Jitter(s));

        AssertVerdict(Verdict.Pass, Judge(Rows(keys, _depths), Prediction.LabelNoise));
        AssertVerdict(Verdict.Fail, Judge(Rows(keys, _depths, values: gapFalls), Prediction.LabelNoise));
        var bound = Judge(Rows(keys, _depths, values: boundFalls), Prediction.LabelNoise);
        AssertVerdict(Verdict.Fail, bound);
        Assert.Contains("b_xr_out falls", bound.Why);
    }

    [Fact]
    public void P7_is_not_testable_with_one_label_noise_value()
    {
        var verdict = Judge(Rows([Key(4, 0.5), Key(4, 1.0)], _depths), Prediction.LabelNoise);

        AssertVerdict(Verdict.NotTestable, verdict);
        Assert.Equal("label_noise has one value", verdict.Why);
    }
}
