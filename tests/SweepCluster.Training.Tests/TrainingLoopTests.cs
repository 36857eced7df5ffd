using SweepCluster.Core.Spec;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Tests;

/// <summary>The loop reads losses once per epoch; a NaN must still be reported at the step it first appears, with the
/// log cut there, and the on-device clip must scale as clip_grad_norm_ does.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingLoopTests
{
    [Theory]
    [InlineData(TrainingMode.EndToEnd)]
    [InlineData(TrainingMode.FrozenFeatures)]
    public void A_nan_example_ends_training_at_the_first_step_whose_batch_holds_it(TrainingMode mode)
    {
        var small = TrialConfigs.Small(depth: 2);
        var config = small with { SgldNoise = 0.01, Training = small.Training with { Mode = mode, Clip = 1.0, Optimizer = OptimizerKind.Sgld, Epochs = 2 } };
        using var scope = NewDisposeScope();
        TrainingLog clean;
        using (var training = new SmallTraining(config, config.ActNoise)) clean = training.Train();
        Assert.Null(clean.DivergedAtStep);
        Assert.True(clean.Steps > 3);

        // The first example of the third step, poisoned: steps 0 and 1 are finite, step 2 is not (mid-epoch).
        int poisoned = clean.Batches[2][0];
        using var again = new SmallTraining(config, config.ActNoise);
        Tensor poisonedFeatures = again.Features.clone();
        poisonedFeatures[poisoned, 0] = tensor(float.NaN);
        TrainingLog diverged = again.Train(poisonedFeatures);

        Assert.Equal(2, diverged.DivergedAtStep);
        Assert.Equal(2, diverged.Steps);
        Assert.Equal(clean.Batches.Take(2), diverged.Batches);
        Assert.Empty(diverged.EpochLosses);
    }

    [Fact]
    public void The_clip_scales_a_long_gradient_to_norm_k_and_leaves_a_short_one_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var weight = new Parameter(zeros([50, 40]));
        var bias = new Parameter(zeros([50]));
        weight.grad = randn([50, 40], generator: generator) * 10;
        bias.grad = randn([50], generator: generator) * 10;
        Parameter[] parameters = [weight, bias];

        double before = GradientClipping.ClipTotalNorm(parameters, maxNorm: 2.0).item<double>();
        double after = Math.Sqrt(weight.grad.square().sum().item<float>() + (double)bias.grad.square().sum().item<float>());
        Assert.True(before > 100);
        Assert.Equal(2.0, after, 1e-5);

        float[] weightBefore = weight.grad.data<float>().ToArray(), biasBefore = bias.grad.data<float>().ToArray();
        GradientClipping.ClipTotalNorm(parameters, maxNorm: 1e6);
        Assert.Equal(weightBefore, weight.grad.data<float>().ToArray());
        Assert.Equal(biasBefore, bias.grad.data<float>().ToArray());
    }
}
