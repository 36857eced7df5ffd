using SweepCluster.Core.Grid;
using SweepCluster.Core.Information;
using SweepCluster.Core.Spec;
using SweepCluster.Training.Data;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Model;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SweepCluster.Training.Tests;

/// <summary>The consistent estimate i_x_t against an independent nested Monte-Carlo reference on frozen random tanh nets
/// (depths 1-6 of one depth-6 net, N = 64 inputs of a 4-class Gaussian mixture in 10 dimensions): the reference draws
/// t ~ p(t | x_i) on 8 fresh paths per input and evaluates p(t | x) with 2,048 independent inner paths per input (and
/// with the first 1,024 of them, to see whether it has converged), written here from the net's layers without the
/// product's path code. Where doubling the inner paths moves the reference by less than 0.01 nats, the estimate (128
/// coupled paths, the default) must be within 3 combined standard errors or 0.02 nats of it; elsewhere the reference
/// itself is not a reference and the row is printed, not judged. N = 64 keeps the six nets at about 20 s (128 took
/// seven minutes); the estimate's finite-path error does not depend on N.</summary>
[Collection(TorchCollection.Name)]
public sealed class SamplePropagationReferenceTests(ITestOutputHelper output)
{
    private const int Inputs = 64, Depth = 6, OuterDraws = 8, InnerPaths = 2048, Block = 64;

    [Theory]
    [InlineData(4, 0.5)]
    [InlineData(4, 1.0)]
    [InlineData(4, 2.0)]
    [InlineData(16, 0.5)]
    [InlineData(16, 1.0)]
    [InlineData(16, 2.0)]
    [InlineData(40, 2.0)] // wider than MixtureBlockSums takes: the batched products
    public void The_estimate_agrees_with_nested_monte_carlo_wherever_the_reference_has_converged(int width, double s)
    {
        using var scope = NewDisposeScope();
        int threads = get_num_threads();
        set_num_threads(1);
        try
        {
            using var model = FrozenNet(width, s); // disposed here, not by a finalizer in a later test that counts tensors
            Tensor inputs = Inputs10D();
            var config = new TrialConfig
            {
                Dataset = new DatasetSettings(), Model = new ModelSettings(), Training = new TrainingSettings(),
                Information = new InformationSettings { EvalPoints = Inputs, MixtureDraws = 8 },
                Depth = Depth, Width = width, ActNoise = s, TrainSize = Inputs, Seed = 3,
            };
            var estimates = SamplePropagation.Estimate(model, inputs, Inputs, config, CancellationToken.None);
            var reference = NestedReference(model, inputs, s);

            int judged = 0;
            var failures = new List<string>();
            for (int l = 0; l < Depth; l++)
            {
                var (half, full) = reference[l];
                var estimate = estimates[l]!.Estimate;
                double? drift = estimates[l]!.PathDrift;
                bool converged = Math.Abs(full.Value - half.Value) < 0.01;
                double combined = Math.Sqrt(estimate.StandardError * estimate.StandardError + full.StandardError * full.StandardError);
                double difference = estimate.Value - full.Value;
                bool agrees = Math.Abs(difference) <= Math.Max(3 * combined, 0.02);
                string row = $"| {width} | {s} | {l + 1} | {estimate.Value:F3} ± {estimate.StandardError:F3} | {half.Value:F3} | " +
                             $"{full.Value:F3} ± {full.StandardError:F3} | {(converged ? "yes" : "no")} | {Signed(difference, "F3")} " +
                             $"({Signed(difference / combined, "F1")} se) | {(drift is { } d ? Signed(d, "F3") : "-")} | {(converged ? agrees ? "agrees" : "DISAGREES" : "not judged")} |";
                output.WriteLine(row);
                if (!converged) continue;
                judged++;
                if (!agrees) failures.Add(row);
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            // Layer 1 has no noise upstream: its reference is a plain Monte-Carlo integral and always converges.
            Assert.True(judged >= 1, "no layer's reference converged, so nothing was judged");
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Theory]
    [InlineData(2)]  // half of the paths is one: every block propagates a single path
    [InlineData(6)]  // blocks of two (2,048 columns / 1,000 inputs) end in a one-path block
    public void Blocks_of_a_single_path_give_finite_estimates(int mixturePaths)
    {
        using var scope = NewDisposeScope();
        using var model = FrozenNet(4, 1.0);
        int inputs = mixturePaths == 2 ? Inputs : 1000;
        var data = SyntheticGaussianMixture.Create(
            new DatasetSettings { Classes = 4, Dimension = 10, Separation = 4.0, TestSize = inputs }, trainSize: 4, trialSeed: 0);
        var config = new TrialConfig
        {
            Dataset = new DatasetSettings(), Model = new ModelSettings(), Training = new TrainingSettings(),
            Information = new InformationSettings { EvalPoints = inputs, MixturePaths = mixturePaths, MixtureDraws = 1 },
            Depth = Depth, Width = 4, ActNoise = 1.0, TrainSize = inputs, Seed = 3,
        };
        var estimates = SamplePropagation.Estimate(model, tensor(data.TestFeatures, [inputs, 10]), inputs, config, CancellationToken.None);
        Assert.All(estimates, estimate => Assert.True(double.IsFinite(estimate!.Estimate.Value), $"estimate {estimate!.Estimate.Value}"));
    }

    private static string Signed(double value, string format) =>
        (value >= 0 ? "+" : "-") + Math.Abs(value).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    private static NoisyMlp FrozenNet(int width, double s)
    {
        var shape = new NoisyMlpShape(10, Depth, width, 4, ActivationKind.Tanh, s, 0, 0);
        using var initialization = new Generator(11, CPU);
        return new NoisyMlp(shape, initialization, new Generator(12, CPU));
    }

    private static Tensor Inputs10D()
    {
        var data = SyntheticGaussianMixture.Create(
            new DatasetSettings { Classes = 4, Dimension = 10, Separation = 4.0, TestSize = Inputs }, trainSize: 4, trialSeed: 0);
        return tensor(data.TestFeatures, [Inputs, 10]);
    }

    /// <summary>Per layer, the nested estimate with the first half of the inner paths and with all of them.</summary>
    private static (MonteCarloEstimate Half, MonteCarloEstimate Full)[] NestedReference(NoisyMlp model, Tensor inputs, double s)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var random = new Generator(21, CPU);
        var layers = model.Layers.Take(Depth).ToList();
        // h_l for `paths` independent paths per input, path-major rows, every layer.
        List<Tensor> Propagate(int paths)
        {
            var result = new List<Tensor>();
            Tensor x = inputs.to(float64).repeat(paths, 1);
            foreach (var layer in layers)
            {
                Tensor h = (x.mm(layer.weight!.to(float64).t()) + layer.bias!.to(float64)).tanh();
                result.Add(h);
                x = h + randn(h.shape, float64, generator: random) * s;
            }
            return result;
        }

        var draws = Propagate(OuterDraws).Select(h => h + randn(h.shape, float64, generator: random) * s).ToList();
        int rows = OuterDraws * Inputs;
        var own = Enumerable.Range(0, rows).Select(r => (long)(r % Inputs)).ToArray();
        using Tensor ownIndex = tensor(own).view(rows, 1, 1);
        var all = new Tensor?[Depth, 2];
        var mine = new Tensor?[Depth, 2];
        for (int first = 0; first < InnerPaths; first += Block)
        {
            using var block = NewDisposeScope();
            var inner = Propagate(Block);
            int part = first < InnerPaths / 2 ? 0 : 1;
            for (int l = 0; l < Depth; l++)
            {
                // float32 distances (a relative error of about 1e-7 in an exponent), float64 sums across blocks.
                Tensor exponent = cdist(draws[l].to(float32), inner[l].to(float32)).square().div_(-2 * s * s);
                Tensor allHere = exponent.logsumexp(1).to(float64);
                Tensor ownHere = exponent.view(rows, Block, Inputs).gather(2, ownIndex.expand(rows, Block, 1)).squeeze(2)
                    .logsumexp(1).to(float64);
                all[l, part] = (all[l, part] is { } a ? logaddexp(a, allHere) : allHere).MoveToOuterDisposeScope();
                mine[l, part] = (mine[l, part] is { } m ? logaddexp(m, ownHere) : ownHere).MoveToOuterDisposeScope();
            }
        }
        var result = new (MonteCarloEstimate, MonteCarloEstimate)[Depth];
        for (int l = 0; l < Depth; l++)
        {
            MonteCarloEstimate With(Tensor allLog, Tensor ownLog, int paths)
            {
                using Tensor terms = (ownLog - Math.Log(paths)) - (allLog - Math.Log((double)paths * Inputs));
                return MonteCarloEstimate.Of(terms.data<double>().ToArray());
            }
            result[l] = (With(all[l, 0]!, mine[l, 0]!, InnerPaths / 2),
                With(logaddexp(all[l, 0]!, all[l, 1]!), logaddexp(mine[l, 0]!, mine[l, 1]!), InnerPaths));
        }
        return result;
    }
}
