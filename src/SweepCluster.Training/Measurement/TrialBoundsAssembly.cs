using SweepCluster.Core.Bounds;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Running;

namespace SweepCluster.Training.Measurement;

/// <summary>Turns the logged trajectory and the per-layer coefficients into the SGLD information sums, the
/// three bounds and the Fano lower bound. Bounds are stated for the 0-1 loss (sigma = 1/2, range 1).</summary>
internal static class TrialBoundsAssembly
{
    public const double LossSigma = 0.5;
    private const double LossRange = 1.0;

    public static (SgldInformation Sgld, TrialBounds Bounds, double? Fano) Assemble(
        TrialConfig config, TrainingLog log, IReadOnlyList<LayerInformation> layers, int classes)
    {
        int n = config.TrainSize;
        var trained = Replay(log, log.TrainedParameters, n);
        var output = Replay(log, log.OutputParameters, n);
        bool frozen = config.Training.Mode == "frozen_features";
        string? undefined = trained.UndefinedReason
            ?? (config.Training.Optimizer == "adam" ? "adam steps are not the SGD updates the Pensia sum assumes" : null);

        var sgld = undefined is null
            ? new SgldInformation { Value = trained.Total, OutputLayer = output.Total }
            : new SgldInformation { Reason = undefined };

        // B_XR_out is certified only when the output layer is all that is trained (frozen_features, M2);
        // B_ISMI bounds I(W;Z_i) of all trained parameters, so it holds in either mode.
        var bounds = new TrialBounds
        {
            BXrOut = GeneralizationBounds.XuRaginsky(LossSigma, sgld.OutputLayer, n, LossRange, certified: frozen, undefined),
            BPaper = GeneralizationBounds.Paper(layers.Select(l => l.EtaAnalytic).ToArray(), LossSigma, sgld.Value, n, LossRange, undefined),
            BIsmi = GeneralizationBounds.Ismi(LossSigma, undefined is null ? trained.PerSample.ToArray() : null, n, LossRange, certified: true, undefined),
        };
        double? fano = layers.Count > 0 ? FanoBound.LowerBound(layers[^1].IYT, classes) : null;
        return (sgld, bounds, fano);
    }

    private static PensiaSum Replay(TrainingLog log, long dimension, int n)
    {
        var sum = new PensiaSum(dimension, n);
        for (int t = 0; t < log.Steps; t++) sum.AddStep(log.Alphas[t], log.Sigmas[t], log.Clip, log.Batches[t]);
        return sum;
    }
}
