using SweepCluster.Core.Bounds;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;

namespace SweepCluster.Training.Measurement;

/// <summary>Turns the logged trajectory and the per-layer information into the SGLD information sums, the bounds
/// (docs/SCIENCE.md section 6) and the Fano lower bound. Bounds are stated for the 0-1 loss (sigma = 1/2, range 1).</summary>
internal static class TrialBoundsAssembly
{
    private const double LossRange = 1.0;
    private const string AdamReason = "adam steps are not the SGD updates the Pensia sum assumes";
    private const string NoPerExampleClipReason =
        "per-example clipping was not done (it is done in frozen_features with clip > 0), so one sample's effect on an update is not bounded by (alpha/b) K";
    private const string BinningReason =
        "act_noise is 0, so the layer measure is binning (a clustering measure, not MI) and there is no estimate of I(X;T_L)";

    public static (SgldInformation Sgld, TrialBounds Bounds, double? Fano) Assemble(
        TrialConfig config, TrainingLog log, IReadOnlyList<LayerInformation> layers, int classes, int evaluationPoints,
        TrainingLabelInformation? trainingLabels)
    {
        int n = config.TrainSize;
        var trained = Replay(log, log.TrainedParameters, n);
        var output = Replay(log, log.OutputParameters, n);
        bool frozen = config.Training.Mode == TrainingMode.FrozenFeatures;
        string? undefined = trained.UndefinedReason ?? (config.Training.Optimizer == OptimizerKind.Adam ? AdamReason : null);

        var sgld = undefined is null
            ? new SgldInformation { Value = trained.Total, OutputLayer = output.Total }
            : new SgldInformation { Reason = undefined };

        const double sigma = LossSigma.ZeroOne;
        double[] etas = layers.Select(l => l.EtaAnalytic).ToArray();
        // B_XR_out is certified only when the output layer is all that is trained (frozen_features, M2).
        var bXrOut = GeneralizationBounds.XuRaginsky(sigma, sgld.OutputLayer, n, LossRange, certified: frozen, undefined);
        var bounds = new TrialBounds
        {
            BXrOut = bXrOut,
            // The paper's W is the output hypothesis: its information is the output layer's, depth enters only via eta.
            BPaper = GeneralizationBounds.Paper(etas, sigma, sgld.OutputLayer, n, LossRange, undefined),
            BPaperAllParams = GeneralizationBounds.Paper(etas, sigma, sgld.Value, n, LossRange, undefined),
            BPaperMeasured = Measured(layers, evaluationPoints, sigma, sgld.OutputLayer, n, config, undefined),
            BIsmi = Ismi(log, trained, sigma, n, frozen, undefined),
        };
        double? fano = trainingLabels is { } measured
            ? FanoBound.LowerBound(measured.Upper, classes, Math.Min(measured.LabelEntropy, Math.Log(classes)))
            : null;
        return (sgld, bounds, fano);
    }

    /// <summary>(i_x_t(T_L) / ln N)^(1/2) * B_XR_out with the consistent estimate, clamped to [0, 1]: the product of the
    /// empirical eta_l (ratios of consecutive estimates) telescopes to this ratio, with I(X;T_0) = H(X) = ln N on the
    /// evaluation set of the N points actually used. Never the raw pairwise upper value, whose slack differs by layer.</summary>
    private static BoundValue Measured(
        IReadOnlyList<LayerInformation> layers, int evaluationPoints, double sigma, double? outputInformation, int n,
        TrialConfig config, string? undefined)
    {
        if (config.ActNoise <= 0 || layers.Count == 0) return BoundValue.Undefined(BinningReason);
        double logN = Math.Log(evaluationPoints);
        if (layers[^1].IXT is not { } information) return BoundValue.Undefined(BinningReason);
        double ratio = logN > 0 ? Math.Clamp(information / logN, 0.0, 1.0) : 1.0;
        return GeneralizationBounds.Contracted(ratio, sigma, outputInformation, n, LossRange, undefined);
    }

    /// <summary>Per-sample B_ISMI over the trained parameters (d = d_out in frozen_features, where it is certified).
    /// Defined only when every example's gradient was clipped at K with injected noise.</summary>
    private static BoundValue Ismi(TrainingLog log, PensiaSum trained, double sigma, int n, bool frozen, string? undefined)
    {
        if (undefined is not null) return BoundValue.Undefined(undefined);
        if (!log.PerExampleClipping) return BoundValue.Undefined(NoPerExampleClipReason);
        return GeneralizationBounds.Ismi(sigma, trained.PerSample.ToArray(), n, LossRange, certified: frozen);
    }

    private static PensiaSum Replay(TrainingLog log, long dimension, int n)
    {
        var sum = new PensiaSum(dimension, n);
        for (int t = 0; t < log.Steps; t++) sum.AddStep(log.Alphas[t], log.Sigmas[t], log.Clip, log.Batches[t]);
        return sum;
    }
}
