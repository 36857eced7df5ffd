using SweepCluster.Core.Information;

namespace SweepCluster.Core.Tests.Information;

public sealed class PermutationNullTests
{
    [Fact]
    public void Strong_dependence_lies_far_above_the_null()
    {
        var (x, y) = GaussianSamples.CorrelatedPairs(500, pairs: 1, rho: 0.9, seed: 71);
        var test = PermutationNull.Run((a, b) => KsgEstimator.Estimate(a, b), x, y, shuffles: 40, seed: 1);
        Assert.False(test.WithinNull);
        Assert.True(test.Estimate > test.Max);
        Assert.True(test.Low <= test.High && test.High <= test.Max);
        Assert.Equal(40, test.NullEstimates.Count);
    }

    [Fact]
    public void Same_seed_gives_the_same_null()
    {
        var (x, y) = GaussianSamples.CorrelatedPairs(300, pairs: 1, rho: 0.3, seed: 72);
        var first = PermutationNull.Run((a, b) => KsgEstimator.Estimate(a, b), x, y, shuffles: 20, seed: 5);
        var second = PermutationNull.Run((a, b) => KsgEstimator.Estimate(a, b), x, y, shuffles: 20, seed: 5);
        Assert.Equal(first.NullEstimates, second.NullEstimates);
        Assert.Equal((first.Low, first.High), (second.Low, second.High));
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        double[] sorted = [1, 2, 3, 4, 5];
        Assert.Equal(3.0, PermutationNull.Quantile(sorted, 0.5));
        Assert.Equal(2.0, PermutationNull.Quantile(sorted, 0.25));
        Assert.Equal(1.1, PermutationNull.Quantile(sorted, 0.025), 12);
        Assert.Equal(4.9, PermutationNull.Quantile(sorted, 0.975), 12);
    }
}
