using SweepCluster.Core.Data;
using SweepCluster.Core.Information;

namespace SweepCluster.Core.Tests.Information;

public sealed class KdTreeTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(7, true)]
    public void Queries_match_a_linear_scan_exactly(int dims, bool onGrid)
    {
        var random = new Random(dims * 10 + (onGrid ? 1 : 0));
        // On an integer grid many distances tie exactly, which exercises the strict "<" of the counts.
        var points = new SampleMatrix(600, dims);
        for (int i = 0; i < points.Data.Length; i++)
            points.Data[i] = onGrid ? random.Next(0, 5) : GaussianSamples.Next(random);
        var tree = new KdTree(points);

        for (int q = 0; q < points.Rows; q += 7)
        {
            var distances = Enumerable.Range(0, points.Rows).Where(j => j != q)
                .Select(j => KdTree.Distance(points.ReadRow(q), points.ReadRow(j))).Order().ToArray();
            foreach (int k in new[] { 1, 3, 10 })
            {
                double kth = tree.KthNeighbourDistance(points.ReadRow(q), k, excludeRow: q);
                Assert.Equal(distances[k - 1], kth);
                // Counts at a radius equal to an actual distance must leave that distance out.
                int expected = distances.Count(d => d < kth) + (kth > 0 ? 1 : 0);
                Assert.Equal(expected, tree.CountWithin(points.ReadRow(q), kth));
            }
        }
    }
}
