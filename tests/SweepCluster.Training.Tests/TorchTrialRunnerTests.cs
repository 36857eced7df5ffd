using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Running;
using static TorchSharp.torch;

namespace SweepCluster.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class TorchTrialRunnerTests
{
    private static readonly TrialRunContext Cpu = new("cpu", 1);

    private static TrialResult Run(TrialConfig config) =>
        new TorchTrialRunner().Run(new TrialId("t-test"), config, Cpu, CancellationToken.None);

    [Fact]
    public void Same_config_and_seed_give_identical_numbers()
    {
        var config = TrialConfigs.Small(actNoise: 0.5) with { SgldNoise = 0.001, Training = TrialConfigs.Small().Training with { Clip = 1.0 } };
        TrialResult first = Run(config), second = Run(config);
        Assert.Equal(TrialJson.Serialize(first with { Timings = null }), TrialJson.Serialize(second with { Timings = null }));
    }

    [Fact]
    public void Different_seeds_give_different_numbers()
    {
        TrialResult a = Run(TrialConfigs.Small(seed: 0)), b = Run(TrialConfigs.Small(seed: 1));
        Assert.NotEqual(a.Layers[0].IXTUpper, b.Layers[0].IXTUpper);
    }

    [Fact]
    public void Completed_trial_reports_every_quantity()
    {
        var config = TrialConfigs.Small(depth: 3) with { SgldNoise = 0.01, Training = TrialConfigs.Small().Training with { Clip = 1.0 } };
        TrialResult r = Run(config);
        Assert.Equal(TrialStatus.Completed, r.Status);
        Assert.Equal(3, r.Layers.Count);
        Assert.InRange(r.TrainError, 0, 1);
        Assert.Equal(r.TestError - r.TrainError, r.Gap, 12);
        double logN = Math.Log(config.Information.EvalPoints);
        foreach (var layer in r.Layers)
        {
            Assert.Equal(LayerEstimator.Pairwise, layer.Estimator);
            Assert.InRange(layer.IXTLower, 0, layer.IXTUpper + 1e-12);
            Assert.InRange(layer.IXTUpper, 0, logN + 1e-12);
            Assert.InRange(layer.EtaAnalytic, 0, 1);
        }
        Assert.NotNull(r.ISgld?.Value);
        Assert.True(r.ISgld!.OutputLayer < r.ISgld.Value, "the output layer is a strict subset of the trained parameters");
        Assert.NotNull(r.Bounds!.BPaper.Value);
        Assert.Equal(200 / 32 * 3 + 3, r.Run!.Steps); // ceil(200 / 32) = 7 steps per epoch, 3 epochs
        Assert.Equal((8 + 1) * 3, r.Run.OutputParameters);
    }

    [Fact]
    public void Without_update_noise_the_information_sum_is_undefined_not_a_number()
    {
        TrialResult r = Run(TrialConfigs.Small());
        Assert.Null(r.ISgld!.Value);
        Assert.Contains("noise", r.ISgld.Reason);
        Assert.Null(r.Bounds!.BXrOut.Value);
        Assert.NotNull(r.Bounds.BXrOut.Reason);
    }

    [Fact]
    public void Zero_activation_noise_reports_binning_as_the_estimator()
    {
        TrialResult r = Run(TrialConfigs.Small(actNoise: 0));
        Assert.All(r.Layers, l => Assert.Equal(LayerEstimator.Binning, l.Estimator));
        Assert.All(r.Layers, l => Assert.Equal(1.0, l.EtaAnalytic));
    }

    [Fact]
    public void Frozen_features_train_only_the_output_layer()
    {
        var baseConfig = TrialConfigs.Small();
        var config = baseConfig with { SgldNoise = 0.01, Training = baseConfig.Training with { Mode = TrainingMode.FrozenFeatures, Clip = 1.0 } };
        TrialResult r = Run(config);
        Assert.Equal(r.Run!.OutputParameters, r.Run.TrainedParameters);
        Assert.Equal(r.ISgld!.Value, r.ISgld.OutputLayer);
        Assert.True(r.Bounds!.BXrOut.Certified);
    }

    [Fact]
    public void A_nan_loss_fails_the_trial_with_the_step_instead_of_crashing()
    {
        var baseConfig = TrialConfigs.Small(depth: 1, actNoise: 0);
        var config = baseConfig with { Model = baseConfig.Model with { Activation = ActivationKind.Relu }, Training = baseConfig.Training with { LearningRate = 1e30 } };
        TrialResult r = Run(config);
        Assert.Equal(TrialStatus.Failed, r.Status);
        Assert.Matches(@"^diverged at step \d+$", r.FailureReason);
    }

    [Fact]
    public void Live_tensor_count_stays_flat_across_trials()
    {
        var config = TrialConfigs.Small(depth: 3, actNoise: 1.0);
        Run(config); // warm-up: lazily created native state
        long before = Tensor.TotalCount;
        for (int i = 0; i < 3; i++) Run(config with { Seed = i });
        // TorchSharp's Parameter constructor takes over the native handle of the tensor it wraps; that emptied
        // wrapper is never decremented from TotalCount though it holds no memory. That is exactly one count per
        // parameter tensor (a weight and a bias per layer, in the trial's own model and in the pack it trains in);
        // anything beyond it is a real leak.
        int parameterTensors = 2 * 2 * (config.Depth + 1);
        Assert.Equal(before + 3 * parameterTensors, Tensor.TotalCount);
    }

    [Fact]
    public void Live_tensor_count_stays_flat_across_epochs()
    {
        var counts = new List<long>();
        var baseConfig = TrialConfigs.Small(depth: 3, actNoise: 1.0);
        var config = baseConfig with { Training = baseConfig.Training with { Epochs = 5 } };
        var context = Cpu with { Progress = new SyncProgress(_ => counts.Add(Tensor.TotalCount)) };
        new TorchTrialRunner().Run(new TrialId("t-test"), config, context, CancellationToken.None);
        Assert.Equal(5, counts.Count);
        Assert.All(counts.Skip(1), c => Assert.Equal(counts[0], c));
    }

    [Fact]
    public void Progress_is_reported_once_per_epoch()
    {
        var epochs = new List<int>();
        var context = Cpu with { Progress = new SyncProgress(p => epochs.Add(p.Epoch)) };
        new TorchTrialRunner().Run(new TrialId("t-test"), TrialConfigs.Small(), context, CancellationToken.None);
        Assert.Equal([1, 2, 3], epochs);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new TorchTrialRunner().Run(new TrialId("t-test"), TrialConfigs.Small(), Cpu, cancel.Token));
    }

    private sealed class SyncProgress(Action<TrialProgress> report) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => report(value);
    }
}
