using SweepCluster.Core.Spec;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Tests;

/// <summary>The loop reads losses once per epoch; a NaN must still be reported at the step it first appears, with the
/// log cut there, and the on-device clip must scale each pack member as clip_grad_norm_ does.</summary>
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
    public void The_clip_scales_a_members_long_gradient_to_norm_k_and_leaves_the_short_one_of_another_member_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        // Two members' flat gradients: member 0's long (norm about 450), member 1's short (about 0.45).
        Tensor gradients = randn([2, 2050], generator: generator) * tensor(new float[] { 10f, 0.01f }).view(2, 1);
        float[] shortBefore = gradients[1].data<float>().ToArray();

        double[] before = GradientClipping.ClipMemberNorms(gradients, maxNorm: 2.0).data<double>().ToArray();
        Assert.True(before[0] > 100);
        Assert.True(before[1] < 2.0);
        Assert.Equal(2.0, Math.Sqrt(gradients[0].to(float64).square().sum().item<double>()), 1e-5);
        Assert.Equal(shortBefore, gradients[1].data<float>().ToArray());
    }
}
