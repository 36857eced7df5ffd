using SweepCluster.Core.Bounds;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Running;

namespace SweepCluster.Training.Tests;

public sealed class TrialBoundsAssemblyTests
{
    // Two steps, alpha 0.1, sigma 0.05, K 1, batches of b = 2 over n = 4 samples, d_out = 9.
    private const double Alpha = 0.1, Sigma = 0.05;
    private const int N = 4, DOut = 9, EvaluationPoints = 64, Classes = 3;

    private static TrainingLog Log(bool perExample, long trained) =>
        new([Alpha, Alpha], [Sigma, Sigma], [[0, 1], [2, 3]], 1.0, perExample, trained, DOut, [0.5], null);

    private static TrialConfig Config(string mode)
    {
        var small = TrialConfigs.Small(depth: 2, actNoise: 1.0);
        return small with { TrainSize = N, SgldNoise = Sigma, Training = small.Training with { Mode = SpecWords.Parse<TrainingMode>(mode), Optimizer = OptimizerKind.Sgld, Clip = 1.0 } };
    }

    /// <summary>The consistent estimate <paramref name="estimate"/> sits inside a pairwise bracket twice as wide, so a
    /// bound read from the upper value instead would differ.</summary>
    private static LayerInformation Layer(int index, double eta, double estimate) => new()
    {
        Layer = index, Estimator = LayerEstimator.Pairwise, IXT = estimate, IXTSe = 0.01, IXTLower = estimate / 2, IXTUpper = 2 * estimate,
        IYT = 1.0, Saturated = false, EtaAnalytic = eta, EtaEmpirical = null,
    };

    // Etas 0.64 and 0.25 (product 0.16); the last layer's i_x_t is a quarter of ln N (its upper value half of it).
    private static readonly LayerInformation[] Layers = [Layer(1, 0.64, 2.0), Layer(2, 0.25, Math.Log(EvaluationPoints) / 4)];

    private static double Xr(double information) => Math.Sqrt(2 * 0.25 * information / N);

    [Fact]
    public void Frozen_features_bounds_follow_their_closed_forms()
    {
        var (sgld, bounds, fano) = TrialBoundsAssembly.Assemble(Config("frozen_features"), Log(true, DOut), Layers, Classes, EvaluationPoints, new TrainingLabelInformation(0.2, Math.Log(Classes)));

        double output = 2 * DOut / 2.0 * Math.Log(1 + Math.Pow(Alpha / Sigma, 2) / DOut);
        Assert.Equal(output, sgld.OutputLayer!.Value, 12);
        Assert.Equal(Xr(output), bounds.BXrOut.Value!.Value, 12);
        Assert.True(bounds.BXrOut.Certified);
        Assert.Equal(0.4 * Xr(output), bounds.BPaper.Value!.Value, 12);
        Assert.False(bounds.BPaper.Certified);
        Assert.Equal(0.5 * Xr(output), bounds.BPaperMeasured.Value!.Value, 12);
        Assert.False(bounds.BPaperMeasured.Certified);
        // Each sample sits in one batch of b = 2: sensitivity alpha K / 2.
        double perSample = DOut / 2.0 * Math.Log(1 + Math.Pow(Alpha / 2 / Sigma, 2) / DOut);
        Assert.Equal(Math.Sqrt(2 * 0.25 * perSample), bounds.BIsmi.Value!.Value, 12);
        Assert.True(bounds.BIsmi.Certified);
        Assert.All(new[] { bounds.BXrOut, bounds.BPaper, bounds.BPaperAllParams, bounds.BPaperMeasured, bounds.BIsmi },
            bound => Assert.Equal(bound.Value > 1, bound.Vacuous));
        // From the training-point upper 0.2 with balanced labels, not from the layers' I(Y;T) = 1.0 (which would give 0).
        Assert.Equal(1 - (0.2 + Math.Log(2)) / Math.Log(Classes), fano!.Value, 12);
    }

    [Fact]
    public void End_to_end_keeps_the_all_parameter_paper_bound_apart_and_leaves_ismi_undefined()
    {
        const long trained = 40;
        var (sgld, bounds, fano) = TrialBoundsAssembly.Assemble(Config("end_to_end"), Log(false, trained), Layers, Classes, EvaluationPoints, new TrainingLabelInformation(0.2, 1.0));

        double all = 2 * trained / 2.0 * Math.Log(1 + Math.Pow(Alpha / Sigma, 2) / trained);
        double output = 2 * DOut / 2.0 * Math.Log(1 + Math.Pow(Alpha / Sigma, 2) / DOut);
        Assert.Equal(all, sgld.Value!.Value, 12);
        Assert.Equal(0.4 * Xr(output), bounds.BPaper.Value!.Value, 12);
        Assert.Equal(0.4 * Xr(all), bounds.BPaperAllParams.Value!.Value, 12);
        Assert.False(bounds.BXrOut.Certified);
        Assert.Null(bounds.BIsmi.Value);
        Assert.Contains("per-example clipping", bounds.BIsmi.Reason);
        // Unbalanced training labels (H(Y) = 1.0 < ln 3): Fano charges only the entropy they have.
        Assert.Equal((1.0 - 0.2 - Math.Log(2)) / Math.Log(Classes), fano!.Value, 12);
    }

    [Fact]
    public void Without_update_noise_every_bound_is_undefined_with_a_reason_and_fano_needs_an_upper_value()
    {
        var log = new TrainingLog([Alpha], [0.0], [[0, 1]], 1.0, true, DOut, DOut, [0.5], null);
        var (_, bounds, fano) = TrialBoundsAssembly.Assemble(Config("frozen_features"), log, Layers, Classes, EvaluationPoints, null);
        Assert.All(new[] { bounds.BXrOut, bounds.BPaper, bounds.BPaperAllParams, bounds.BPaperMeasured, bounds.BIsmi }, bound =>
        {
            Assert.Null(bound.Value);
            Assert.Equal(PensiaSum.NoNoiseReason, bound.Reason);
        });
        Assert.Null(fano);
    }
}
