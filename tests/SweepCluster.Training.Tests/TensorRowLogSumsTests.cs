using SweepCluster.Core.Data;
using SweepCluster.Core.Information;
using SweepCluster.Training.Measurement;
using static TorchSharp.torch;

namespace SweepCluster.Training.Tests;

/// <summary>The tensor kernel against Core's reference loop (the pre-tensor implementation), on layouts like a trial's:
/// path-major rows, M noise paths per input, labels per input. On the CPU, widths up to 32 run FusedPairSums and the
/// width-64 case the tiles of batched products.</summary>
[Collection(TorchCollection.Name)]
public sealed class TensorRowLogSumsTests
{
    // What the issue asks of the tensor path: the estimates agree with the reference to 1e-6 relative.
    private const double EstimateTolerance = 1e-6;

    // The row sums carry float64 rounding of the Gram expansion, about c |x|^2 1e-16 in an exponent: 1e-14 for tanh
    // activations, but up to 1e-8 relative where a tenth of the points sit 1000 away (|x|^2 ~ 1e6 after centring).
    private const double RowSumTolerance = 3e-8;

    /// <summary>n inputs, M paths, width d, C classes, s, and the kind of data; 300 x 7 = 2100 rows and 37 x 3 = 111 rows
    /// are not multiples of the tile, 128 x 32 = 4096 is the pairwise case.</summary>
    public static TheoryData<int, int, int, int, double, string> Cases => new()
    {
        { 37, 3, 3, 2, 0.5, "tanh" },
        { 50, 1, 8, 3, 1.0, "tanh" },
        { 300, 7, 16, 4, 1.0, "tanh" },
        { 300, 7, 16, 4, 0.1, "near-duplicates" },
        { 200, 6, 8, 3, 0.5, "far-apart" },
        { 150, 8, 12, 5, 2.0, "mixed-scales" },
        { 128, 32, 64, 10, 4.0, "tanh" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_tensor_kernel_agrees_with_the_reference(int n, int paths, int width, int classes, double s, string kind)
    {
        SampleMatrix centers = Centers(n, paths, width, kind, seed: n + paths + width);
        int[] labels = Enumerable.Range(0, n).Select(i => (i * 7 + 3) % classes).ToArray();
        int[] inputOf = Enumerable.Range(0, centers.Rows).Select(row => row % n).ToArray();

        RowLogSums tensorSums = TensorSums(centers, s, n, labels);
        RowLogSums reference = RowLogSums.Compute(centers, s, inputOf, labels);
        AssertSameSums(reference, tensorSums);

        var expected = PairwiseMixtureBounds.EstimateWithLabels(centers, s, inputOf, labels);
        var actual = PairwiseMixtureBounds.Combine(tensorSums, inputOf, labels);
        double?[] want = [expected.X.Lower, expected.X.Upper, expected.X.UpperStandardError, expected.YLower, expected.YUpper, expected.YEstimate];
        double?[] got = [actual.X.Lower, actual.X.Upper, actual.X.UpperStandardError, actual.YLower, actual.YUpper, actual.YEstimate];
        Assert.Equal(want.Select(v => v.HasValue), got.Select(v => v.HasValue));
        AssertClose(want.Select(v => v ?? 0).ToArray(), got.Select(v => v ?? 0).ToArray(), EstimateTolerance);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    public void Two_points_in_one_dimension_give_the_closed_forms(double s)
    {
        var bounds = PairwiseMixtureBounds.Combine(TensorSums(new SampleMatrix([-1.0, 1.0], 2, 1), s, 2, [0, 1]), null, [0, 1]).X;
        // N = 2, distance^2 = 4: upper = ln 2 - ln(1 + e^{-2/s^2}), lower = ln 2 - ln(1 + e^{-1/(2 s^2)}).
        Assert.Equal(Math.Log(2) - Math.Log(1 + Math.Exp(-2 / (s * s))), bounds.Upper, 1e-12);
        Assert.Equal(Math.Log(2) - Math.Log(1 + Math.Exp(-1 / (2 * s * s))), bounds.Lower, 1e-12);
    }

    [Fact]
    public void Well_separated_points_give_log_n_at_low_noise()
    {
        const int n = 8;
        var centers = new SampleMatrix(n, 2);
        for (int i = 0; i < n; i++) (centers[i, 0], centers[i, 1]) = (10.0 * (i % 4), 10.0 * (i / 4));
        var bounds = PairwiseMixtureBounds.Combine(TensorSums(centers, 0.1, n, new int[n]), null, new int[n]);
        Assert.Equal(Math.Log(n), bounds.X.Lower, 1e-12);
        Assert.Equal(Math.Log(n), bounds.X.Upper, 1e-12);
        Assert.Equal(0, bounds.YEstimate); // one class: I(Y;T) = 0
    }

    [Fact]
    public void The_row_sums_are_bit_identical_for_one_and_two_threads()
    {
        // 2100 rows: three tiles per side, the last one partial.
        SampleMatrix centers = Centers(300, 7, 16, "tanh", seed: 5);
        int[] labels = Enumerable.Range(0, 300).Select(i => i % 4).ToArray();
        var runs = new List<double[]>();
        foreach (int threads in new[] { 1, 2, 1, 2 })
        {
            set_num_threads(threads);
            RowLogSums sums = TensorSums(centers, 0.5, 300, labels);
            runs.Add([.. sums.LogKlAll, .. sums.LogBAll, .. sums.LogKlClass, .. sums.LogBClass, .. sums.LogKlInput, .. sums.LogBInput]);
        }
        set_num_threads(1);
        Assert.All(runs, run => Assert.Equal(runs[0].Select(BitConverter.DoubleToInt64Bits), run.Select(BitConverter.DoubleToInt64Bits)));
    }

    [Fact]
    public void A_batch_of_members_gives_each_member_the_sums_it_has_alone_and_the_reference_sums()
    {
        // Three members of one pack: different activations, noise stds and labels (one with a class fewer, so its class-sum
        // products are wider in the batch than alone); 2100 rows: five tiles a side, the last one partial.
        const int n = 300, paths = 7, width = 16;
        double[] s = [0.5, 1.0, 2.0];
        SampleMatrix[] centers = [.. Enumerable.Range(0, 3).Select(m => Centers(n, paths, width, "tanh", seed: 11 + m))];
        int[][] labels = [.. Enumerable.Range(0, 3).Select(m => Enumerable.Range(0, n).Select(i => (i * (m + 3) + m) % (4 - m % 2)).ToArray())];
        using Tensor batch = stack(centers.Select(c => tensor(c.Data.Select(v => (float)v).ToArray(), [c.Rows, c.Columns])).ToArray());
        RowLogSums[] batched = TensorRowLogSums.Compute(batch, s, n, labels.Select(l => (IReadOnlyList<int>)l).ToList(), classes: 4);

        int[] inputOf = Enumerable.Range(0, n * paths).Select(row => row % n).ToArray();
        for (int m = 0; m < 3; m++)
        {
            RowLogSums alone = TensorSums(centers[m], s[m], n, labels[m]);
            RowLogSums reference = RowLogSums.Compute(centers[m], s[m], inputOf, labels[m]);
            AssertSameSums(alone, batched[m]);
            AssertSameSums(reference, batched[m]);
        }
    }

    [Fact]
    public void Non_finite_centers_and_a_zero_noise_std_are_refused()
    {
        var centers = new SampleMatrix([0.0, double.NaN, 1.0, 2.0], 2, 2);
        Assert.Throws<ArgumentException>(() => TensorSums(centers, 1.0, 2, [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorSums(new SampleMatrix([0.0, 1.0], 2, 1), 0.0, 2, [0, 1]));
    }

    private static RowLogSums TensorSums(SampleMatrix centers, double s, int n, int[] labels)
    {
        // float32, as a trial's activations are; the reference reads the same values widened to double.
        using Tensor t = tensor(centers.Data.Select(v => (float)v).ToArray(), [centers.Rows, centers.Columns]);
        return TensorRowLogSums.Compute(t, s, n, labels);
    }

    /// <summary>Path-major rows (row p * n + i is input i on path p), rounded to float32 like a trial's activations.</summary>
    private static SampleMatrix Centers(int n, int paths, int width, string kind, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var bases = new double[n, width];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < width; c++)
                // Near-duplicates: pairs of inputs share a base point up to 1e-6.
                bases[i, c] = kind == "near-duplicates" && i % 2 == 1 ? bases[i - 1, c] + 1e-6 * Normal() : 1.5 * Normal();
        double pathSpread = kind == "near-duplicates" ? 1e-5 : 0.4;
        var centers = new SampleMatrix(n * paths, width);
        for (int p = 0; p < paths; p++)
            for (int i = 0; i < n; i++)
                for (int c = 0; c < width; c++)
                {
                    double value = Math.Tanh(bases[i, c] + pathSpread * Normal());
                    value = kind switch
                    {
                        // A tenth of the inputs 1000 away from the rest: their cross terms underflow to 0.
                        "far-apart" when i % 10 == 0 => value + 1000,
                        // Columns from 1e-3 to 1e2 on top of an offset of 50 (the centring must undo the offset).
                        "mixed-scales" => 50 + value * Math.Pow(10, c % 6 - 3),
                        _ => value,
                    };
                    centers[p * n + i, c] = (float)value;
                }
        return centers;
    }

    /// <summary>All six row log-sum arrays within <see cref="RowSumTolerance"/>.</summary>
    private static void AssertSameSums(RowLogSums expected, RowLogSums actual)
    {
        AssertClose(expected.LogKlAll, actual.LogKlAll, RowSumTolerance);
        AssertClose(expected.LogBAll, actual.LogBAll, RowSumTolerance);
        AssertClose(expected.LogKlClass, actual.LogKlClass, RowSumTolerance);
        AssertClose(expected.LogBClass, actual.LogBClass, RowSumTolerance);
        AssertClose(expected.LogKlInput, actual.LogKlInput, RowSumTolerance);
        AssertClose(expected.LogBInput, actual.LogBInput, RowSumTolerance);
    }

        private static void AssertClose(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            double allowed = relative * Math.Max(Math.Abs(expected[k]), 1e-3);
            Assert.True(Math.Abs(expected[k] - actual[k]) <= allowed,
                $"entry {k}: reference {expected[k]:R}, tensor {actual[k]:R}, difference {Math.Abs(expected[k] - actual[k]):E2} > {allowed:E2}");
        }
    }
}
