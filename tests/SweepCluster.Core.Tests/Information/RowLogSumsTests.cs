using SweepCluster.Core.Data;
using SweepCluster.Core.Information;

namespace SweepCluster.Core.Tests.Information;

/// <summary>The split a faster kernel plugs into: row sums computed on their own, then combined.</summary>
public sealed class RowLogSumsTests
{
    [Fact]
    public void Combining_the_reference_row_sums_gives_the_labelled_estimate_exactly()
    {
        const int n = 40, paths = 3, width = 4;
        var random = new Random(11);
        var centers = new SampleMatrix(n * paths, width);
        for (int i = 0; i < centers.Data.Length; i++) centers.Data[i] = Math.Tanh(GaussianSamples.Next(random));
        int[] inputOf = Enumerable.Range(0, n * paths).Select(row => row % n).ToArray();
        int[] labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();

        var combined = PairwiseMixtureBounds.Combine(RowLogSums.Compute(centers, 0.7, inputOf, labels), inputOf, labels);

        Assert.Equal(PairwiseMixtureBounds.EstimateWithLabels(centers, 0.7, inputOf, labels), combined);
    }

    [Fact]
    public void Row_sums_from_elsewhere_need_one_entry_per_row_in_every_array()
    {
        double[] three = [0, 0, 0], two = [0, 0];
        Assert.Throws<ArgumentException>(() => new RowLogSums(three, three, three, three, three, two));
        Assert.Equal(3, new RowLogSums(three, three, three, three, three, three).Rows);
    }
}
