using System.Runtime.Intrinsics;

namespace SweepCluster.Training.Measurement;

/// <summary>Per row of a row-major float32 block, log sum_j exp(max(e_j - m, -80)) + m with m the row's largest: the
/// log-sum-exp of i_x_t's mixtures with its terms floored at e^-80 of the largest, in two reads of the row (its max,
/// then the exp and the sum fused) where libtorch's ops take five passes and write three of them.</summary>
/// <remarks>Why: at packs of 32 the mixtures' exponentials are nearly all of i_x_t's time, and libtorch's float32 exp
/// ran at about 0.9 G/s a thread; the exp here is <see cref="VectorExp.OfFloat"/>. The floor keeps exp away from
/// subnormal results (see <see cref="SamplePropagation"/>). Sums are float32 vectors over 512 columns at a
/// time, added in float64, in a fixed order: the result does not depend on the thread count.</remarks>
internal static class RowLogSumExp
{
    private const float Floor = -80f;
    private const int Run = 512;

    /// <param name="block">rows x <paramref name="columns"/> exponents, row-major.</param>
    /// <param name="result">One value per row.</param>
    public static void Compute(ReadOnlySpan<float> block, int columns, Span<double> result)
    {
        for (int row = 0; row < result.Length; row++) result[row] = Of(block.Slice(row * columns, columns));
    }

    /// <summary>One row's floored log-sum-exp.</summary>
    public static double Of(ReadOnlySpan<float> values)
    {
        float largest = Max(values);
        return Math.Log(ShiftedSum(values, largest)) + largest;
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        int i = 0;
        float largest = float.NegativeInfinity;
        if (values.Length >= Vector256<float>.Count)
        {
            var best = Vector256.Create(float.NegativeInfinity);
            for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
                best = Vector256.Max(best, Vector256.Create(values.Slice(i, Vector256<float>.Count)));
            for (int lane = 0; lane < Vector256<float>.Count; lane++) largest = Math.Max(largest, best[lane]);
        }
        for (; i < values.Length; i++) largest = Math.Max(largest, values[i]);
        return largest;
    }

    /// <summary>sum_j exp(max(v_j - shift, -80)), float32 lanes over each run of 512 values, the runs added in float64.</summary>
    private static double ShiftedSum(ReadOnlySpan<float> values, float shift)
    {
        var shiftVector = Vector256.Create(shift);
        var floor = Vector256.Create(Floor);
        double total = 0;
        int i = 0;
        while (i + Vector256<float>.Count <= values.Length)
        {
            var run = Vector256<float>.Zero;
            int end = Math.Min(values.Length, i + Run);
            for (; i + Vector256<float>.Count <= end; i += Vector256<float>.Count)
                run += VectorExp.OfFloat(Vector256.Max(Vector256.Create(values.Slice(i, Vector256<float>.Count)) - shiftVector, floor));
            total += Vector256.Sum(run);
        }
        for (; i < values.Length; i++) total += VectorExp.OfFloat(Vector256.Create(Math.Max(values[i] - shift, Floor)))[0];
        return total;
    }
}
