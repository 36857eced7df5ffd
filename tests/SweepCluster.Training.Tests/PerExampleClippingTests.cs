using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Data;
using SweepCluster.Training.Model;
using SweepCluster.Training.Optimization;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Running;
using static TorchSharp.torch;

namespace SweepCluster.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class PerExampleClippingTests
{
    private const int Batch = 5, Width = 4, Classes = 3;

    /// <summary>A float64 output layer, features and labels small enough to differentiate example by example.</summary>
    private static (TorchSharp.Modules.Linear Layer, Tensor Features, Tensor Labels) Problem()
    {
        using var generator = new Generator(11);
        var layer = nn.Linear(Width, Classes, dtype: float64);
        using (no_grad())
        {
            layer.weight!.copy_(randn([Classes, Width], float64, generator: generator));
            layer.bias!.copy_(randn([Classes], float64, generator: generator));
        }
        Tensor features = randn([Batch, Width], float64, generator: generator) * 2;
        Tensor labels = tensor(new long[] { 0, 2, 1, 1, 0 });
        return (layer, features, labels);
    }

    /// <summary>Autograd's gradient of example i's cross-entropy with respect to (W, b).</summary>
    private static (Tensor Weight, Tensor Bias) Autograd(TorchSharp.Modules.Linear layer, Tensor features, Tensor labels, int i)
    {
        layer.zero_grad();
        nn.functional.cross_entropy(layer.forward(features.narrow(0, i, 1)), labels.narrow(0, i, 1)).backward();
        return (layer.weight!.grad!.clone(), layer.bias!.grad!.clone());
    }

    [Fact]
    public void The_closed_form_per_example_gradient_equals_autograds()
    {
        var (layer, features, labels) = Problem();
        using var scope = NewDisposeScope();
        Tensor logits;
        using (no_grad()) logits = layer.forward(features);
        var (r, norms) = PerExampleClipping.Residuals(logits, features, labels);
        for (int i = 0; i < Batch; i++)
        {
            var (weight, bias) = Autograd(layer, features, labels, i);
            Tensor closedWeight = r[i].unsqueeze(1).matmul(features[i].unsqueeze(0)); // r_i t_i^T
            Assert.True(closedWeight.allclose(weight, rtol: 0, atol: 1e-6), $"weight gradient of example {i}");
            Assert.True(r[i].allclose(bias, rtol: 0, atol: 1e-6), $"bias gradient of example {i}");
            double norm = Math.Sqrt(weight.pow(2).sum().item<double>() + bias.pow(2).sum().item<double>());
            Assert.Equal(norm, norms[i].item<double>(), 1e-6);
        }
    }

    [Fact]
    public void Clipping_caps_every_per_example_norm_at_K_and_averages_the_clipped_gradients()
    {
        var (layer, features, labels) = Problem();
        using var scope = NewDisposeScope();
        Tensor logits;
        using (no_grad()) logits = layer.forward(features);
        var (_, norms) = PerExampleClipping.Residuals(logits, features, labels);
        double clip = norms.min().item<double>() * 1.5; // some examples clipped, at least the smallest one not
        Tensor factors = PerExampleClipping.Factors(norms, clip);

        var expectedWeight = zeros(new long[] { Classes, Width }, dtype: float64);
        var expectedBias = zeros(new long[] { Classes }, dtype: float64);
        int clipped = 0;
        for (int i = 0; i < Batch; i++)
        {
            var (weight, bias) = Autograd(layer, features, labels, i);
            double c = factors[i].item<double>();
            double clippedNorm = c * Math.Sqrt(weight.pow(2).sum().item<double>() + bias.pow(2).sum().item<double>());
            Assert.True(clippedNorm <= clip * (1 + 1e-12), $"example {i}: clipped norm {clippedNorm} above K = {clip}");
            if (c < 1) clipped++;
            expectedWeight += weight * c / Batch;
            expectedBias += bias * c / Batch;
        }
        Assert.InRange(clipped, 1, Batch - 1);
        var (batchWeight, batchBias) = PerExampleClipping.BatchGradient(logits, features, labels, clip);
        Assert.Equal(expectedBias.shape, batchBias.shape);
        Assert.True(batchWeight.allclose(expectedWeight, rtol: 0, atol: 1e-9));
        Assert.True(batchBias.allclose(expectedBias, rtol: 0, atol: 1e-9));
        double batchNorm = Math.Sqrt(batchWeight.pow(2).sum().item<double>() + batchBias.pow(2).sum().item<double>());
        Assert.True(batchNorm <= clip, "the mean of gradients of norm <= K has norm <= K");
    }

    [Fact]
    public void Frozen_features_training_leaves_the_hidden_weights_unchanged_and_clips_per_example()
    {
        var small = TrialConfigs.Small(depth: 2, actNoise: 0.5);
        // No update noise: any change of the output layer is the clipped gradient's doing.
        var config = small with { Training = small.Training with { Mode = TrainingMode.FrozenFeatures, Optimizer = OptimizerKind.Sgd, Clip = 0.5 } };
        using var scope = NewDisposeScope();
        using var training = new SmallTraining(config, actNoise: 0.5);
        var model = training.Model;
        Tensor[] hiddenBefore = model.HiddenParameters().Select(p => p.detach().clone()).ToArray();
        Tensor[] outputBefore = model.OutputParameters().Select(p => p.detach().clone()).ToArray();

        TrainingLog log = training.Train();

        Assert.True(log.PerExampleClipping);
        Assert.All(model.HiddenParameters().Zip(hiddenBefore), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
        Assert.All(model.OutputParameters().Zip(outputBefore), pair => Assert.False(pair.First.equal(pair.Second).all().item<bool>()));
    }

    [Fact]
    public void Without_any_clipping_biting_per_example_training_follows_the_autograd_batch_path()
    {
        // K far above every gradient norm: c_i = 1, so the closed-form mean gradient is autograd's, with the same noise draws.
        var small = TrialConfigs.Small(depth: 2, actNoise: 0.5);
        var perExample = small with { Training = small.Training with { Mode = TrainingMode.FrozenFeatures, Clip = 1e6, Clipping = ClippingMode.PerExample } };
        var batch = perExample with { Training = perExample.Training with { Clipping = ClippingMode.Batch } };
        Tensor[] a = TrainedOutput(perExample, out bool clippedA), b = TrainedOutput(batch, out bool clippedB);
        Assert.True(clippedA);
        Assert.False(clippedB);
        Assert.All(a.Zip(b), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 1e-5)));
    }

    private static Tensor[] TrainedOutput(TrialConfig config, out bool perExample)
    {
        using var training = new SmallTraining(config, config.ActNoise);
        perExample = training.Train().PerExampleClipping;
        return training.Model.OutputParameters().Select(p => p.detach().clone()).ToArray();
    }

    [Theory]
    [InlineData("end_to_end", ClippingMode.Auto, false)]
    [InlineData("frozen_features", ClippingMode.Batch, false)]
    [InlineData("frozen_features", ClippingMode.Auto, true)]
    public void The_log_records_whether_every_example_was_clipped(string mode, ClippingMode clipping, bool perExample)
    {
        var small = TrialConfigs.Small(depth: 1);
        var config = small with { Training = small.Training with { Mode = SpecWords.Parse<TrainingMode>(mode), Clipping = clipping, Clip = 1.0, Epochs = 1 } };
        using var scope = NewDisposeScope();
        using var training = new SmallTraining(config, actNoise: 0.5);
        Assert.Equal(perExample, training.Train().PerExampleClipping);
    }

    private static TrialResult Run(TrialConfig config) =>
        new TorchTrialRunner().Run(new TrialId("t-test"), config, new TrialRunContext("cpu", 1), CancellationToken.None);

    [Fact]
    public void B_ismi_is_certified_in_frozen_features_with_sgld_and_undefined_with_a_reason_in_end_to_end()
    {
        var small = TrialConfigs.Small(depth: 2, actNoise: 1.0);
        var frozen = small with { SgldNoise = 0.05, Training = small.Training with { Mode = TrainingMode.FrozenFeatures, Optimizer = OptimizerKind.Sgld, Clip = 1.0 } };
        TrialResult m2 = Run(frozen);
        Assert.NotNull(m2.Bounds!.BIsmi.Value);
        Assert.True(m2.Bounds.BIsmi.Certified);
        // Each sample is charged 1/b of a step's sensitivity in the few steps it joins: far below B_XR_out.
        Assert.True(m2.Bounds.BIsmi.Value < m2.Bounds.BXrOut.Value, $"B_ISMI {m2.Bounds.BIsmi.Value} vs B_XR_out {m2.Bounds.BXrOut.Value}");

        TrialResult m1 = Run(frozen with { Training = frozen.Training with { Mode = TrainingMode.EndToEnd } });
        Assert.Null(m1.Bounds!.BIsmi.Value);
        Assert.Contains("per-example clipping was not done", m1.Bounds.BIsmi.Reason);
        Assert.NotNull(m1.Bounds.BXrOut.Value);
    }

    [Fact]
    public void Per_example_training_keeps_the_live_tensor_count_flat_across_epochs()
    {
        // Tensors other tests left to the garbage collector are freed now, not by a finalizer between two epochs here.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var counts = new List<long>();
        var small = TrialConfigs.Small(depth: 2, actNoise: 1.0);
        var config = small with { SgldNoise = 0.01, Training = small.Training with { Mode = TrainingMode.FrozenFeatures, Optimizer = OptimizerKind.Sgld, Clip = 1.0, Epochs = 5 } };
        var context = new TrialRunContext("cpu", 1, new CountingProgress(() => counts.Add(Tensor.TotalCount)));
        new TorchTrialRunner().Run(new TrialId("t-test"), config, context, CancellationToken.None);
        Assert.Equal(5, counts.Count);
        Assert.All(counts.Skip(1), c => Assert.Equal(counts[0], c));
    }

    private sealed class CountingProgress(Action count) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => count();
    }
}
