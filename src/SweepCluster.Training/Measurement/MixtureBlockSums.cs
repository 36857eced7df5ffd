using System.Runtime.Intrinsics;

namespace SweepCluster.Training.Measurement;

/// <summary>One block of i_x_t's mixtures on the CPU for narrow layers: per draw t (a row of augmented draws) and
/// every centre c of the block (a column of augmented centres), the exponent -|t - c|^2 / (2 s^2) as a short dot
/// product, then per draw the log-sum-exp over all the block's centres (<see cref="RowLogSumExp"/>'s floor and sums)
/// and over its own input's centres.</summary>
/// <remarks>Why: with width w the product has only w + 2 terms, so libtorch's batched float32 product ran at about
/// 0.8 G exponents a second a thread, slower than the exp after it, and wrote every exponent to memory for two more
/// passes. Here four draws share each load of the centres, the exponents of a row stay in a cache-sized scratch row,
/// and the rows are spread over the trial's threads: each row's result is computed the same way whichever thread
/// takes it, so the numbers do not depend on the thread count.</remarks>
internal static class MixtureBlockSums
{
    /// <summary>Widths up to this many augmented terms (w + 2) take this kernel; wider layers are products that libtorch
    /// runs near its peak.</summary>
    public const int MaxTerms = 34;

    private const int RowsTogether = 4;

    /// <param name="left">[members, rows, terms] float32, row-major: each draw's augmented row.</param>
    /// <param name="right">[members, terms, columns] float32, row-major: each centre's augmented column.</param>
    /// <param name="inputs">n: draw r is of input r mod n, and centre column p * n + i is input i on path p.</param>
    /// <param name="all">[members, rows]: log sum over the block's centres of exp(exponent), floored as
    /// <see cref="RowLogSumExp"/> floors.</param>
    /// <param name="own">[members, rows]: log sum over the centres of the draw's own input.</param>
    /// <param name="threads">Threads to spread the rows over.</param>
    public static void Compute(
        ReadOnlyMemory<float> left, ReadOnlyMemory<float> right, int members, int rows, int terms, int columns, int inputs,
        double[] all, double[] own, int threads)
    {
        if (terms > MaxTerms) throw new ArgumentOutOfRangeException(nameof(terms), terms, $"At most {MaxTerms} terms.");
        int groupsPerMember = (rows + RowsTogether - 1) / RowsTogether;
        int groups = members * groupsPerMember;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, groups, options, () => new float[RowsTogether * columns], (group, _, scratch) =>
        {
            int member = group / groupsPerMember, first = group % groupsPerMember * RowsTogether;
            int count = Math.Min(RowsTogether, rows - first);
            var drawRows = left.Span.Slice((member * rows + first) * terms, count * terms);
            var centres = right.Span.Slice(member * terms * columns, terms * columns);
            Exponents(drawRows, centres, count, terms, columns, scratch);
            for (int k = 0; k < count; k++)
            {
                int row = first + k, at = member * rows + row;
                ReadOnlySpan<float> exponents = scratch.AsSpan(k * columns, columns);
                all[at] = RowLogSumExp.Of(exponents);
                own[at] = OwnInput(exponents, row % inputs, inputs);
            }
            return scratch;
        }, _ => { });
    }

    /// <summary>The exponents of <paramref name="count"/> draws against every centre, each a fused multiply-add chain
    /// over the terms in order (the same chain in the vector body and the scalar tail).</summary>
    private static void Exponents(ReadOnlySpan<float> drawRows, ReadOnlySpan<float> centres, int count, int terms, int columns, Span<float> scratch)
    {
        int width = Vector256<float>.Count, j = 0;
        Span<Vector256<float>> weights = stackalloc Vector256<float>[RowsTogether * MaxTerms];
        for (int k = 0; k < count; k++)
            for (int t = 0; t < terms; t++)
                weights[k * terms + t] = Vector256.Create(drawRows[k * terms + t]);
        if (count == RowsTogether)
        {
            for (; j + width <= columns; j += width)
            {
                var c = Vector256.Create(centres.Slice(j, width));
                Vector256<float> a0 = weights[0] * c, a1 = weights[terms] * c, a2 = weights[2 * terms] * c, a3 = weights[3 * terms] * c;
                for (int t = 1; t < terms; t++)
                {
                    c = Vector256.Create(centres.Slice(t * columns + j, width));
                    a0 = Vector256.FusedMultiplyAdd(weights[t], c, a0);
                    a1 = Vector256.FusedMultiplyAdd(weights[terms + t], c, a1);
                    a2 = Vector256.FusedMultiplyAdd(weights[2 * terms + t], c, a2);
                    a3 = Vector256.FusedMultiplyAdd(weights[3 * terms + t], c, a3);
                }
                a0.CopyTo(scratch.Slice(j, width));
                a1.CopyTo(scratch.Slice(columns + j, width));
                a2.CopyTo(scratch.Slice(2 * columns + j, width));
                a3.CopyTo(scratch.Slice(3 * columns + j, width));
            }
        }
        else
        {
            for (; j + width <= columns; j += width)
                for (int k = 0; k < count; k++)
                {
                    var a = weights[k * terms] * Vector256.Create(centres.Slice(j, width));
                    for (int t = 1; t < terms; t++)
                        a = Vector256.FusedMultiplyAdd(weights[k * terms + t], Vector256.Create(centres.Slice(t * columns + j, width)), a);
                    a.CopyTo(scratch.Slice(k * columns + j, width));
                }
        }
        for (; j < columns; j++)
            for (int k = 0; k < count; k++)
            {
                float a = drawRows[k * terms] * centres[j];
                for (int t = 1; t < terms; t++) a = MathF.FusedMultiplyAdd(drawRows[k * terms + t], centres[t * columns + j], a);
                scratch[k * columns + j] = a;
            }
    }

    /// <summary>log sum over paths p of exp(e[p * n + i]), in float64 (a row has only a few paths per block).</summary>
    private static double OwnInput(ReadOnlySpan<float> exponents, int input, int inputs)
    {
        float largest = float.NegativeInfinity;
        for (int at = input; at < exponents.Length; at += inputs) largest = Math.Max(largest, exponents[at]);
        double sum = 0;
        for (int at = input; at < exponents.Length; at += inputs) sum += Math.Exp(exponents[at] - (double)largest);
        return Math.Log(sum) + largest;
    }
}
