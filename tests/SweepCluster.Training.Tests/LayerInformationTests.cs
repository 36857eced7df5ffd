using SweepCluster.Core.Bounds;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Running;

namespace SweepCluster.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class LayerInformationTests
{
    private static TrialResult Run(TrialConfig config) =>
        new TorchTrialRunner().Run(new TrialId("t-test"), config, new TrialRunContext("cpu", 1), CancellationToken.None);

    [Fact]
    public void Noisy_layers_are_labelled_exact_then_monte_carlo_with_a_standard_error_only_for_estimates()
    {
        TrialResult r = Run(TrialConfigs.Small(depth: 4, width: 4, actNoise: 1.0));
        Assert.Equal(LayerInformationKind.Exact, r.Layers[0].Kind);
        Assert.Null(r.Layers[0].IXTUpperSe);
        Assert.All(r.Layers.Skip(1), layer =>
        {
            Assert.Equal(LayerInformationKind.MonteCarlo, layer.Kind);
            Assert.NotNull(layer.IXTUpperSe);
            Assert.InRange(layer.IXTUpperSe!.Value, 0, 0.5);
        });
    }

    [Fact]
    public void Every_noisy_layer_gets_the_consistent_estimate_with_a_standard_error_and_a_drift_only_where_paths_matter()
    {
        TrialResult r = Run(TrialConfigs.Small(depth: 3, width: 4, actNoise: 1.0));
        Assert.All(r.Layers, layer =>
        {
            Assert.NotNull(layer.IXT);
            Assert.InRange(layer.IXTSe!.Value, 1e-6, 0.5);
            // A consistent estimate lies inside the pairwise bracket up to its Monte-Carlo error.
            Assert.InRange(layer.IXT!.Value, layer.IXTLower - 4 * layer.IXTSe.Value, layer.IXTUpper + 4 * layer.IXTSe.Value);
        });
        Assert.Null(r.Layers[0].IXTPathDrift); // one path is the whole mixture without noise upstream
        Assert.All(r.Layers.Skip(1), layer => Assert.NotNull(layer.IXTPathDrift));
        Assert.Equal(r.Layers[1].IXT!.Value / r.Layers[0].IXT!.Value, r.Layers[1].EtaEmpirical!.Value, 12);
        Assert.All(Run(TrialConfigs.Small(depth: 2, actNoise: 0)).Layers, layer => Assert.Null(layer.IXT));
    }

    [Fact]
    public void Input_noise_makes_layer_one_a_monte_carlo_estimate()
    {
        TrialResult r = Run(TrialConfigs.Small(depth: 1, actNoise: 1.0) with { InputNoise = 0.5 });
        Assert.Equal(LayerInformationKind.MonteCarlo, Assert.Single(r.Layers).Kind);
        Assert.NotNull(r.Layers[0].IXTUpperSe);
    }

    [Fact]
    public void One_noisy_layer_is_exact()
    {
        TrialResult r = Run(TrialConfigs.Small(depth: 1, actNoise: 1.0));
        Assert.Equal(LayerInformationKind.Exact, Assert.Single(r.Layers).Kind);
        Assert.Null(r.Layers[0].IXTUpperSe);
    }

    [Fact]
    public void Binning_is_labelled_clustering_without_label_bounds_or_fano()
    {
        TrialResult r = Run(TrialConfigs.Small(depth: 2, actNoise: 0));
        Assert.All(r.Layers, layer =>
        {
            Assert.Equal(LayerInformationKind.Clustering, layer.Kind);
            Assert.Null(layer.IXTUpperSe);
            Assert.Null(layer.IYTLower);
            Assert.Null(layer.IYTUpper);
        });
        Assert.Null(r.FanoLower);
        Assert.Null(r.Bounds!.BPaperMeasured.Value);
        Assert.Contains("binning", r.Bounds.BPaperMeasured.Reason);
    }

    [Fact]
    public void The_dpi_tightened_upper_never_rises_with_the_layer_and_is_the_running_minimum()
    {
        TrialResult r = Run(TrialConfigs.Small(depth: 6, width: 4, actNoise: 1.0));
        double running = Math.Log(r.Config.Information.EvalPoints);
        foreach (var layer in r.Layers)
        {
            running = Math.Min(running, layer.IXTUpper);
            Assert.Equal(running, layer.IXTUpperDpi);
            Assert.True(layer.IXTUpperDpi <= layer.IXTUpper);
        }
        for (int l = 1; l < r.Layers.Count; l++) Assert.True(r.Layers[l].IXTUpperDpi <= r.Layers[l - 1].IXTUpperDpi);
    }

    [Fact]
    public void Label_information_bounds_are_ordered_around_the_point_estimate()
    {
        TrialResult r = Run(TrialConfigs.Small(depth: 3, width: 8, actNoise: 0.5));
        Assert.All(r.Layers, layer =>
        {
            Assert.NotNull(layer.IYTLower);
            Assert.True(layer.IYTLower <= layer.IYTUpper, $"layer {layer.Layer}: {layer.IYTLower} > {layer.IYTUpper}");
            Assert.InRange(layer.IYT, layer.IYTLower!.Value - 1e-12, layer.IYTUpper!.Value + 1e-12);
            Assert.InRange(layer.IYTUpper!.Value, 0, Math.Log(3) + 1e-12);
        });
    }

    [Fact]
    public void A_noisy_trial_reports_a_fano_bound_in_the_unit_interval()
    {
        TrialResult r = Run(TrialConfigs.Small(depth: 2, width: 2, actNoise: 2.0));
        Assert.NotNull(r.FanoLower);
        Assert.InRange(r.FanoLower!.Value, 0, 1);
    }
}
