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
        // The checks that hold by construction are counted beside the passes, never as passes.
        Assert.Contains("7 identity", Judge(Rows(keys, _depths), Prediction.BoundShape).Why);
        Assert.Contains("identity", Judge(Rows(keys, _depths), Prediction.NoiseAndWidth).Why);
    }

    [Fact]
    public void Curves_outside_a_pass_are_counted_by_why()
    {
        var verdict = Judge(Rows([Key(actNoise: 0), Key(actNoise: 0.5)], _depths), Prediction.GapVersusDepth);

        AssertVerdict(Verdict.Pass, verdict);
        Assert.Equal("1 of 1 judged hold; 1 no prediction", verdict.Why);
    }

    [Fact]
    public void P1_on_b_paper_with_one_value_across_seeds_is_an_identity_never_a_pass()
    {
        Values noMeasured = (k, d, n, s) => n == CurveQuantities.BPaperMeasured ? null : Healthy(k, d, n, s);
        Values risingConstant = (k, d, n, s) => n == CurveQuantities.BPaper ? 1 + 0.2 * d : noMeasured(k, d, n, s);

        var identity = Judge(Rows([Key()], _depths, values: noMeasured), Prediction.BoundShape);
        var withMeasured = Judge(Rows([Key()], _depths), Prediction.BoundShape);
        var bug = Judge(Rows([Key()], _depths, values: risingConstant), Prediction.BoundShape);

        AssertVerdict(Verdict.Identity, identity);
        Assert.Equal(Verdict.Identity, identity.Evidence[0].Verdict);
        Assert.Contains("holds by construction; what it tests is the code", identity.Evidence[0].Detail);
        Assert.Contains("1 not testable", identity.Why);
        // b_paper_measured, which depends on the network, is what makes P1 a pass.
        AssertVerdict(Verdict.Pass, withMeasured);
        Assert.Equal("1 of 1 judged hold; 1 identity", withMeasured.Why);
        Assert.Contains("b_paper_measured", withMeasured.Evidence[1].Curve);
        // A constant bound that rises breaks its own formula: a code bug, so a fail.
        AssertVerdict(Verdict.Fail, bug);
        Assert.Contains("code bug", bug.Why);
    }

    [Fact]
    public void P1_fails_when_b_paper_measured_or_a_seed_varying_b_paper_rises_with_depth()
    {
        var measured = Judge(Rows([Key()], _depths, values: Override(CurveQuantities.BPaperMeasured, (_, d, s) => 1 + 0.2 * d + Jitter(s))),
            Prediction.BoundShape);
        var paper = Judge(Rows([Key()], _depths, values: Override(CurveQuantities.BPaper, (_, d, s) => 1 + 0.2 * d + Jitter(s))),
            Prediction.BoundShape);

        AssertVerdict(Verdict.Fail, measured);
        Assert.Contains("b_paper_measured slope", measured.Why);
        Assert.Contains("significant rise", measured.Why);
        AssertVerdict(Verdict.Fail, paper);
        Assert.Equal(Verdict.Fail, paper.Evidence[0].Verdict);
        Assert.Contains("significant rise", paper.Evidence[0].Detail);
    }

    [Fact]
    public void P1_in_frozen_features_fails_when_ln_b_paper_does_not_fall_by_half_ln_eta_per_layer()
    {
        var frozen = Key(mode: "frozen_features");
        // Falls with depth, but as eta^L rather than eta^(L/2): monotone, yet not the formula's slope.
        var tooSteep = Override(CurveQuantities.BPaper, (k, d, s) => (2.0 + Jitter(s)) * Math.Pow(Eta(k), d));
        var tooSteepConstant = Override(CurveQuantities.BPaper, (k, d, _) => 2.0 * Math.Pow(Eta(k), d));

        var identity = Judge(Rows([frozen], _depths), Prediction.BoundShape);
        var fail = Judge(Rows([frozen], _depths, values: tooSteep), Prediction.BoundShape);
        var failConstant = Judge(Rows([frozen], _depths, values: tooSteepConstant), Prediction.BoundShape);

        Assert.Equal(Verdict.Identity, identity.Evidence[0].Verdict);
        Assert.Contains("(consistent)", identity.Evidence[0].Detail);
        AssertVerdict(Verdict.Fail, fail);
        Assert.Contains("(inconsistent)", fail.Evidence[0].Detail);
        Assert.Contains("no significant rise", fail.Evidence[0].Detail);
        AssertVerdict(Verdict.Fail, failConstant);
        Assert.Contains("(inconsistent)", failConstant.Evidence[0].Detail);
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

    /// <summary>i_x_t with layer 2 above layer 1 by <paramref name="rise"/> nats at every seed, a Monte-Carlo standard
    /// error of <paramref name="se"/> per layer and seed, and no seed spread in the rise.</summary>
    private static Values IxtRise(double rise, double se = 0.05) => (k, d, n, s) =>
        n == LayerQuantities.Name(2, LayerQuantity.IXT) ? 2.0 * Eta(k) + rise + Jitter(s)
        : n == LayerQuantities.Name(1, LayerQuantity.IXT) ? 2.0 * Eta(k) + Jitter(s)
        : n.EndsWith("_i_x_t_se", StringComparison.Ordinal) ? se
        : Healthy(k, d, n, s);

    /// <summary>The combined standard error of a mean rise over 3 seeds with no spread: sqrt(3 * 2 se^2) / 3.</summary>
    private static double CombinedSe(double se = 0.05) => Math.Sqrt(3 * 2 * se * se) / 3;

    [Fact]
    public void P2_fails_on_a_four_standard_error_rise_of_i_x_t_and_passes_on_a_one_standard_error_rise()
    {
        var fail = Judge(Rows([Key()], _depths, values: IxtRise(4 * CombinedSe())), Prediction.DataProcessing);
        var pass = Judge(Rows([Key()], _depths, values: IxtRise(1 * CombinedSe())), Prediction.DataProcessing);

        AssertVerdict(Verdict.Fail, fail);
        Assert.Contains("3 of 6 layer pairs have mean i_x_t rising beyond 3 combined standard errors", fail.Evidence[0].Detail);
        Assert.Contains("4 standard errors", fail.Evidence[0].Detail);
        AssertVerdict(Verdict.Pass, pass);
        Assert.Contains("0 of 6 layer pairs", pass.Evidence[0].Detail);
        Assert.Contains("3 not strictly decreasing", pass.Evidence[0].Detail);
    }

    [Fact]
    public void P2_counts_the_seed_spread_of_the_rise_when_it_exceeds_the_monte_carlo_error()
    {
        // A mean rise of 4 Monte-Carlo errors, but the seeds disagree (rises of 0.163 +- 0.3): not beyond the seed error.
        Values spread = (k, d, n, s) =>
            n == LayerQuantities.Name(2, LayerQuantity.IXT) ? 2.0 * Eta(k) + 4 * CombinedSe() + 300 * Jitter(s)
            : IxtRise(0)(k, d, n, s);

        var verdict = Judge(Rows([Key()], _depths, values: spread), Prediction.DataProcessing);

        AssertVerdict(Verdict.Pass, verdict);
    }

    [Fact]
    public void P2_judges_no_raw_upper_rise_but_fails_any_dpi_rise_and_is_an_identity_without_i_x_t()
    {
        var rawRises = Override(LayerQuantities.Name(2, LayerQuantity.IXTUpper), (k, _, s) => 4.0 * Eta(k) + 0.5 + Jitter(s));
        Values dpiRises = (k, d, n, s) =>
            n == LayerQuantities.Name(2, LayerQuantity.IXTUpperDpi) ? 4.0 * Eta(k) + 0.001 + Jitter(s)
            : n == LayerQuantities.Name(1, LayerQuantity.IXTUpperDpi) ? 4.0 * Eta(k) + Jitter(s)
            : Healthy(k, d, n, s);
        Values noIxt = (k, d, n, s) => n.EndsWith("_i_x_t", StringComparison.Ordinal) || n.EndsWith("_i_x_t_se", StringComparison.Ordinal)
            ? null : Healthy(k, d, n, s);

        var raw = Judge(Rows([Key()], _depths, values: rawRises), Prediction.DataProcessing);
        var dpi = Judge(Rows([Key()], _depths, values: dpiRises), Prediction.DataProcessing);
        var identity = Judge(Rows([Key()], _depths, values: noIxt), Prediction.DataProcessing);

        AssertVerdict(Verdict.Pass, raw);
        Assert.Contains("raw i_x_t_upper rises in 3 of 6 pairs", raw.Evidence[0].Detail);
        AssertVerdict(Verdict.Fail, dpi);
        Assert.Contains("9 DPI-tightened rises", dpi.Evidence[0].Detail);
        AssertVerdict(Verdict.Identity, identity);
        Assert.Contains("cannot rise by construction", identity.Why);
    }

    [Fact]
    public void P2_counts_curves_with_identical_layer_values_once()
    {
        // frozen_features curves that differ only in sgld_noise train the output layer alone: identical hidden layers.
        var keys = new[] { Key(mode: "frozen_features"), Key(mode: "frozen_features") with { SgldNoise = 0.5 } };

        var pass = Judge(Rows(keys, _depths), Prediction.DataProcessing);
        var fail = Judge(Rows(keys, _depths, values: IxtRise(4 * CombinedSe())), Prediction.DataProcessing);
        var distinct = Judge(Rows([Key(4, 0.5), Key(4, 1.0)], _depths), Prediction.DataProcessing);

        var once = Assert.Single(pass.Evidence);
        Assert.Contains("counted once for 2 curves with identical layer values", once.Detail);
        Assert.Equal("1 of 1 judged hold", pass.Why);
        AssertVerdict(Verdict.Fail, fail);
        Assert.StartsWith("1 of 1 judged fail", fail.Why);
        Assert.Equal(2, distinct.Evidence.Count);
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
    public void P3_fails_a_significantly_positive_per_seed_gap_slope_even_when_the_intervals_overlap()
    {
        // Seeds spread +-0.01 around a gap that rises 0.01 per layer: each depth's 3-seed interval (half-width 0.025)
        // overlaps the next, but the slope over 12 seed values has t = 4.3 on 10 degrees of freedom.
        var rising = Override(CurveQuantities.Gap, (_, d, s) => 0.1 + 0.01 * d + 10 * Jitter(s));

        var pass = Judge(Rows([Key()], _depths), Prediction.GapVersusDepth);
        var fail = Judge(Rows([Key()], _depths, values: rising), Prediction.GapVersusDepth);

        AssertVerdict(Verdict.Pass, pass);
        AssertVerdict(Verdict.Fail, fail);
        Assert.Contains("0 of 3 depth steps with the gap interval wholly above the previous", fail.Why);
        Assert.Contains("significant rise", fail.Why);
    }

    [Fact]
    public void Each_sample_size_is_judged_as_its_own_curve()
    {
        // The gap rises with depth at n = 250 only: P3 fails there and passes at n = 4000, each named by its train_size.
        var rising = Override(CurveQuantities.Gap, (k, d, s) => k.TrainSize == 250 ? 0.1 + 0.01 * d + 10 * Jitter(s) : Healthy(k, d, CurveQuantities.Gap, s));

        var verdict = Judge(Rows([Key() with { TrainSize = 250 }, Key() with { TrainSize = 4000 }], _depths, values: rising), Prediction.GapVersusDepth);

        AssertVerdict(Verdict.Fail, verdict);
        Assert.Equal(Verdict.Fail, verdict.Evidence.Single(e => e.Curve.Contains("train_size=250")).Verdict);
        Assert.Equal(Verdict.Pass, verdict.Evidence.Single(e => e.Curve.Contains("train_size=4000")).Verdict);
    }

    /// <summary>A gap rising by a slope whose one-sided p-value is exactly <paramref name="p"/>: seeds spread
    /// +-<paramref name="spread"/> around the line, so the residuals (and the slope's standard error) are fixed.</summary>
    private static Values GapWithP(double p, double spread = 0.01, int width = 4) => (k, d, n, s) =>
    {
        if (n != CurveQuantities.Gap || k.Width != width) return Healthy(k, d, n, s);
        var se = spread * Math.Sqrt(8.0 / 10 / 15); // 4 depths x 3 seeds: residual SS 8 spread^2 on 10 df, Sxx 15
        var slope = SweepCluster.Core.Statistics.ConfidenceInterval.StudentTQuantile(10, 1 - p) * se;
        return 0.1 + slope * d + spread * (s - 1);
    };

    [Fact]
    public void Holm_across_the_curves_of_a_prediction_turns_a_borderline_rise_into_a_pass()
    {
        // p = 0.035: below 0.05 alone; above 0.05 / 2 once a second curve (p near 1) shares the family.
        var alone = Judge(Rows([Key(4, 0.5)], _depths, values: GapWithP(0.035)), Prediction.GapVersusDepth);
        var two = Judge(Rows([Key(4, 0.5), Key(16, 0.5)], _depths, values: GapWithP(0.035)), Prediction.GapVersusDepth);
        var clear = Judge(Rows([Key(4, 0.5), Key(16, 0.5)], _depths, values: GapWithP(0.01)), Prediction.GapVersusDepth);

        AssertVerdict(Verdict.Fail, alone);
        Assert.Contains("p(rise) = 0.035 against Holm level 0.05", alone.Why);
        AssertVerdict(Verdict.Pass, two);
        Assert.Contains("p(rise) = 0.035 against Holm level 0.025 (2 trend test(s))", two.Evidence[0].Detail);
        Assert.Contains("(below 0.05 before the correction)", two.Evidence[0].Detail);
        AssertVerdict(Verdict.Fail, clear);
    }

    [Fact]
    public void A_trend_pass_prints_the_slope_its_test_could_have_detected()
    {
        // Two curves, so the first Holm step is at 0.025; the gap's slope standard error is 0.01 * sqrt(8 / 150).
        var verdict = Judge(Rows([Key(4, 0.5), Key(16, 0.5)], _depths, values: GapWithP(0.5)), Prediction.GapVersusDepth);
        var se = 0.01 * Math.Sqrt(8.0 / 10 / 15);
        var detectable = (SweepCluster.Core.Statistics.ConfidenceInterval.StudentTQuantile(10, 1 - 0.025)
                          + SweepCluster.Core.Statistics.ConfidenceInterval.StudentTQuantile(10, 0.8)) * se;

        AssertVerdict(Verdict.Pass, verdict);
        Assert.Contains($"detectable at 80% power (level 0.025): a rise of {VerdictFormat.Number(detectable)} per layer",
            verdict.Evidence[0].Detail);
    }

    [Fact]
    public void P3_names_the_depths_where_train_error_reached_chance()
    {
        // Train error at chance (3 of 4 classes wrong) from depth 3: the gap falls there because nothing was learned.
        var chance = Override(CurveQuantities.TrainError, (_, d, s) => d >= 3 ? 0.75 + Jitter(s) : 0.1 * d + Jitter(s));

        var verdict = Judge(Rows([Key()], _depths, values: chance), Prediction.GapVersusDepth);
        var healthy = Judge(Rows([Key()], _depths), Prediction.GapVersusDepth);

        AssertVerdict(Verdict.Pass, verdict);
        Assert.Contains("includes chance 1 - 1/C = 0.75 at depth 3, 4", verdict.Evidence[0].Detail);
        Assert.Contains("the trivial way to satisfy P3", verdict.Evidence[0].Detail);
        Assert.Contains("gap slope over the other depths", verdict.Evidence[0].Detail);
        Assert.Contains("below chance 1 - 1/C = 0.75 at every depth", healthy.Evidence[0].Detail);
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
        Assert.Contains("detectable at 80% power", pass.Evidence[0].Detail);
        AssertVerdict(Verdict.Fail, fail);
        Assert.Contains("significant fall", fail.Why);
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
        // The width half compares eta_analytic_product, one value across seeds: an identity, never a pass.
        var widthOnly = Judge(Rows(widthKeys, _depths), Prediction.NoiseAndWidth);
        AssertVerdict(Verdict.Identity, widthOnly);
        Assert.Contains("holds by construction; what it tests is the code", widthOnly.Why);
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
    public void P7_judges_each_bound_on_its_own_line_and_names_a_label_blind_bound_an_identity()
    {
        // b_paper has one value across seeds (computed from the settings); b_xr_out has seed spread and rises.
        var keys = new[] { Key(labelNoise: 0), Key(labelNoise: 0.2), Key(labelNoise: 0.4) };
        var rising = Override(CurveQuantities.BXrOut, (k, _, s) => 2.0 + k.LabelNoise + Jitter(s));

        var verdict = Judge(Rows(keys, _depths, values: rising), Prediction.LabelNoise);

        AssertVerdict(Verdict.Pass, verdict);
        Assert.Equal(Verdict.Identity, verdict.Evidence.Single(e => e.Curve.EndsWith(": b_paper", StringComparison.Ordinal)).Verdict);
        var xr = verdict.Evidence.Single(e => e.Curve.EndsWith(": b_xr_out", StringComparison.Ordinal));
        Assert.Equal(Verdict.Pass, xr.Verdict);
        Assert.Contains("b_xr_out rises beyond the interval in 8", xr.Detail);
        Assert.Equal(Verdict.Pass, verdict.Evidence.Single(e => e.Curve.EndsWith(": gap", StringComparison.Ordinal)).Verdict);
        // b_ismi is undefined in end_to_end: no line for it.
        Assert.DoesNotContain(verdict.Evidence, e => e.Curve.EndsWith(": b_ismi", StringComparison.Ordinal));
    }

    [Fact]
    public void The_combiner_reports_identity_only_when_nothing_else_is_judged()
    {
        var rule = new GapDepthRule();
        CurveEvidence Line(Verdict v) => new("c", v, "d");

        Assert.Equal(Verdict.Identity, VerdictCombiner.Combine(rule, [Line(Verdict.Identity), Line(Verdict.NotTestable)]).Verdict);
        Assert.Equal(Verdict.Identity, VerdictCombiner.Combine(rule, [Line(Verdict.Identity), Line(Verdict.NoPrediction)]).Verdict);
        var pass = VerdictCombiner.Combine(rule, [Line(Verdict.Identity), Line(Verdict.Pass)]);
        Assert.Equal(Verdict.Pass, pass.Verdict);
        Assert.Equal("1 of 1 judged hold; 1 identity", pass.Why);
        Assert.Equal(Verdict.Fail, VerdictCombiner.Combine(rule, [Line(Verdict.Identity), Line(Verdict.Fail)]).Verdict);
        Assert.Equal("identity", VerdictWords.Of(Verdict.Identity));
    }

    [Fact]
    public void P7_is_not_testable_with_one_label_noise_value()
    {
        var verdict = Judge(Rows([Key(4, 0.5), Key(4, 1.0)], _depths), Prediction.LabelNoise);

        AssertVerdict(Verdict.NotTestable, verdict);
        Assert.Equal("label_noise has one value", verdict.Why);
    }
}
