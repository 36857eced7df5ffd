using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Running;

namespace SweepCluster.Training.Tests;

/// <summary>A whole trial with the tensor kernel against the same trial with Core's reference loop: the layers' I(X;T)
/// and I(Y;T) values (exact layer 1, Monte-Carlo deeper layers with their standard error) and Fano's bound agree.</summary>
[Collection(TorchCollection.Name)]
public sealed class PairwiseKernelTrialTests
{
    private const double Relative = 1e-6;

    public static TheoryData<int, double, double> Configs => new()
    {
        { 3, 0.5, 0.0 },  // exact layer 1, Monte-Carlo layers 2 and 3
        { 2, 2.0, 0.3 },  // input noise: every layer Monte-Carlo
        { 1, 1.0, 0.0 },  // one exact layer, one path
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void The_tensor_kernel_gives_the_reference_trial_numbers(int depth, double actNoise, double inputNoise)
    {
        var small = TrialConfigs.Small(depth: depth, width: 8, actNoise: actNoise);
        var config = small with { InputNoise = inputNoise, Information = small.Information with { EvalPoints = 150, NoisePaths = 6 } };
        TrialResult reference = Run(config, PairwiseKernel.Reference), tensor = Run(config, PairwiseKernel.Tensor);

        Assert.Equal(reference.Layers.Count, tensor.Layers.Count);
        foreach (var (want, got) in reference.Layers.Zip(tensor.Layers))
        {
            Assert.Equal(want.Kind, got.Kind);
            double?[] expected = [want.IXTLower, want.IXTUpper, want.IXTUpperSe, want.IXTUpperDpi, want.IYT, want.IYTLower, want.IYTUpper, want.EtaEmpirical];
            double?[] actual = [got.IXTLower, got.IXTUpper, got.IXTUpperSe, got.IXTUpperDpi, got.IYT, got.IYTLower, got.IYTUpper, got.EtaEmpirical];
            AssertClose(expected, actual);
        }
        AssertClose([reference.FanoLower], [tensor.FanoLower]);
    }

    private static TrialResult Run(TrialConfig config, PairwiseKernel kernel) =>
        new TorchTrialRunner(kernel).Run(new TrialId("t-kernel"), config, new TrialRunContext("cpu", 1), CancellationToken.None);

    private static void AssertClose(double?[] expected, double?[] actual)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].HasValue, actual[k].HasValue);
            if (expected[k] is not { } want) continue;
            double got = actual[k]!.Value;
            Assert.True(Math.Abs(want - got) <= Relative * Math.Max(Math.Abs(want), 1e-3), $"value {k}: reference {want:R}, tensor {got:R}");
        }
    }
}
