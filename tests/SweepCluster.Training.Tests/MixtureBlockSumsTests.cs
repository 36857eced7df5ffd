using SweepCluster.Training.Measurement;

namespace SweepCluster.Training.Tests;

/// <summary>The fused block of i_x_t's mixture sums against the same sums in plain doubles.</summary>
public sealed class MixtureBlockSumsTests
{
    [Theory]
    [InlineData(3, 7, 5, 3)]    // width 1; rows not a multiple of the four taken together, 15 columns (no full vector)
    [InlineData(6, 400, 200, 10)]
    [InlineData(18, 9, 7, 5)]
    [InlineData(34, 13, 3, 11)] // the widest layer the kernel takes
    public void Every_draw_matches_float64_sums_over_all_centres_and_over_its_own_input(int terms, int rows, int inputs, int paths)
    {
        var random = new Random(terms * 1000 + rows);
        const int members = 2;
        int columns = inputs * paths;
        var (left, right) = (new float[members * rows * terms], new float[members * terms * columns]);
        for (int k = 0; k < left.Length; k++) left[k] = (float)(random.NextDouble() * 4 - 2);
        for (int k = 0; k < right.Length; k++) right[k] = (float)(random.NextDouble() * 4 - 2);
        var (all, own) = (new double[members * rows], new double[members * rows]);
        MixtureBlockSums.Compute(left, right, members, rows, terms, columns, inputs, all, own, threads: 1);

        for (int m = 0; m < members; m++)
            for (int r = 0; r < rows; r++)
            {
                double[] exponents = Enumerable.Range(0, columns).Select(j =>
                    Enumerable.Range(0, terms).Sum(t => (double)left[(m * rows + r) * terms + t] * right[(m * terms + t) * columns + j])).ToArray();
                double largest = exponents.Max();
                double expectedAll = Math.Log(exponents.Sum(e => Math.Exp(Math.Max(e - largest, -80)))) + largest;
                double[] mine = Enumerable.Range(0, paths).Select(p => exponents[p * inputs + r % inputs]).ToArray();
                double expectedOwn = Math.Log(mine.Sum(e => Math.Exp(e - mine.Max()))) + mine.Max();
                // float32 exponents of up to 34 terms of magnitude 4: about 1e-5 absolute.
                Assert.True(Math.Abs(all[m * rows + r] - expectedAll) <= 1e-4, $"all, member {m} row {r}: {all[m * rows + r]:R} against {expectedAll:R}");
                Assert.True(Math.Abs(own[m * rows + r] - expectedOwn) <= 1e-4, $"own, member {m} row {r}: {own[m * rows + r]:R} against {expectedOwn:R}");
            }
    }

    [Fact]
    public void The_sums_do_not_depend_on_the_thread_count()
    {
        var random = new Random(5);
        const int members = 3, rows = 101, terms = 6, inputs = 50, paths = 4;
        int columns = inputs * paths;
        var (left, right) = (new float[members * rows * terms], new float[members * terms * columns]);
        for (int k = 0; k < left.Length; k++) left[k] = (float)random.NextDouble();
        for (int k = 0; k < right.Length; k++) right[k] = (float)random.NextDouble();
        var (all1, own1, all3, own3) = (new double[members * rows], new double[members * rows], new double[members * rows], new double[members * rows]);
        MixtureBlockSums.Compute(left, right, members, rows, terms, columns, inputs, all1, own1, threads: 1);
        MixtureBlockSums.Compute(left, right, members, rows, terms, columns, inputs, all3, own3, threads: 3);
        Assert.Equal(all1, all3);
        Assert.Equal(own1, own3);
    }
}
