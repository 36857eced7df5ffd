using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SweepCluster.Training.Measurement;

/// <summary>Per row of a row-major float32 block, log sum_j exp(max(e_j - m, -80)) + m with m the row's largest: the
/// log-sum-exp of i_x_t's mixtures with its terms floored at e^-80 of the largest, in two reads of the row (its max,
/// then the exp and the sum fused) where libtorch's ops take five passes and write three of them.</summary>
/// <remarks>Why: at packs of 32 the mixtures' exponentials are nearly all of i_x_t's time, and libtorch's float32 exp
/// ran at about 0.9 G/s a thread. The floor keeps exp
/// away from subnormal results (see <see cref="SamplePropagation"/>). Sums are float32 vectors over 512 columns at a
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
                run += ExpOfFloored(Vector256.Max(Vector256.Create(values.Slice(i, Vector256<float>.Count)) - shiftVector, floor));
            total += Vector256.Sum(run);
        }
        for (; i < values.Length; i++) total += ExpOfFloored(Vector256.Create(Math.Max(values[i] - shift, Floor))).ToScalar();
        return total;
    }

    /// <summary>exp(x) for x in [-80, 0]: x = n ln 2 + r with |r| &lt;= ln 2 / 2 (ln 2 in two parts), exp(r) by Cephes'
    /// degree-7 polynomial for expf (within 2 ulps, tested), times 2^n made in the exponent bits (n &gt;= -116: never
    /// subnormal). Why not Vector256.Exp: in a loop over one cached row of exponents in [-30, 0] it ran at 0.31 G values
    /// a second against 2.2 G for this (one thread of this 2-core machine, .NET 10).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ExpOfFloored(Vector256<float> x)
    {
        Vector256<float> n = Vector256.Floor(Vector256.FusedMultiplyAdd(x, Vector256.Create(1.44269504088896341f), Vector256.Create(0.5f)));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-0.693359375f), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(2.12194440e-4f), r);
        Vector256<float> p = Vector256.Create(1.9875691500e-4f);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.3981999507e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        Vector256<int> scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23);
        return p * scale.AsSingle();
    }
}
