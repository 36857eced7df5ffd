using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SweepCluster.Training.Measurement;

/// <summary><see cref="PairSums"/>' per-class sums for layers up to <see cref="MaxWidth"/> wide on the CPU, in one pass
/// over the pairs: per member, row k and class y, the sums over the member's rows j of class y of exp(-c H_kj) and of
/// exp(-4 c H_kj), with -c H_kj the same augmented dot product, [2c x_k, -c |x_k|^2, 1] . [x_j, 1, -c |x_j|^2], in float64.</summary>
/// <remarks>
/// <para>Why: at widths of a few units the batched product has a handful of terms, and libtorch's float64 product, exp,
/// powers and class products made about eight passes over every tile; the quickstart's bracket took 12 of its 29 s of
/// trial time that way (one thread). Here each pair is one dot product, one exp and two squarings, and is visited once:
/// H is symmetric, so the pair (k, j &gt; k) adds to row k's sum for j's class and to row j's for k's.</para>
/// <para>The rows are taken in class order (a stable sort), so a row's terms of one class are a contiguous run that
/// vector lanes sum. The rows are cut into <see cref="Parts"/> ranges of about equal triangle area, each with its own
/// column sums; the parts' column sums are added in part order. Neither the cut nor any order depends on the thread
/// count or the pack, so the sums do not either.</para>
/// <para>exp is <see cref="VectorExp.OfDouble"/>: below e^-708 a term is taken as e^-708 (exp would give 0 or a
/// subnormal), and a fourth power below 1e-308 as 0; every sum has its own row's term, about 1, so neither shows.</para>
/// </remarks>
internal static class FusedPairSums
{
    /// <summary>The widest layer taken; wider ones are products libtorch runs near its peak.</summary>
    public const int MaxWidth = 32;

    /// <summary>Row ranges per member that run as separate work items.</summary>
    private const int Parts = 4;

    /// <summary>Rows and columns of a cache block (see <see cref="Run"/>).</summary>
    private const int RowBlock = 32, ColumnBlock = 2048;

    private const double FourthPowerFloor = 1e-77; // its fourth power, 1e-308, is still a normal double

    /// <param name="centred">[S, rows, d] float64, row-major, each member's rows centred.</param>
    /// <param name="c">Each member's 1 / (8 s^2).</param>
    /// <param name="classOfRow">Each member's class of every row, in [0, <paramref name="classes"/>).</param>
    /// <param name="threads">Threads to spread the members' parts over.</param>
    /// <returns>Row-major [S, rows, classes] sums, every row against all of its member's rows (itself included).</returns>
    public static (double[] B, double[] Kl) Compute(double[] centred, int rows, int width, double[] c, long[][] classOfRow, int classes, int threads)
    {
        if (width > MaxWidth) throw new ArgumentOutOfRangeException(nameof(width), width, $"At most {MaxWidth} columns.");
        int members = c.Length;
        var layouts = new Layout[members];
        var parts = new Part[members, Parts];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, members, options, m => layouts[m] = Layout.Of(centred, m, rows, width, c[m], classOfRow[m], classes));
        Parallel.For(0, members * Parts, options, item =>
        {
            int m = item / Parts, part = item % Parts;
            parts[m, part] = Run(layouts[m], Boundary(rows, part), Boundary(rows, part + 1));
        });

        var (sumsB, sumsKl) = (new double[(long)members * rows * classes], new double[(long)members * rows * classes]);
        int[] boundaries = Enumerable.Range(0, Parts + 1).Select(part => Boundary(rows, part)).ToArray();
        for (int m = 0; m < members; m++)
        {
            var layout = layouts[m];
            for (int p = 0, part = 0; p < rows; p++)
            {
                long at = ((long)m * rows + layout.Order[p]) * classes;
                while (p >= boundaries[part + 1]) part++;
                for (int y = 0; y < classes; y++)
                {
                    double b = parts[m, part].RowB[(p - boundaries[part]) * classes + y];
                    double kl = parts[m, part].RowKl[(p - boundaries[part]) * classes + y];
                    for (int q = 0; q < Parts; q++)
                    {
                        b += parts[m, q].ColumnB[y * rows + p];
                        kl += parts[m, q].ColumnKl[y * rows + p];
                    }
                    (sumsB[at + y], sumsKl[at + y]) = (b, kl);
                }
            }
        }
        return (sumsB, sumsKl);
    }

    /// <summary>The first row of part <paramref name="part"/>: the parts cover about equal areas of the triangle j &gt;= k.</summary>
    private static int Boundary(int rows, int part) =>
        part >= Parts ? rows : (int)Math.Round(rows * (1 - Math.Sqrt(1 - part / (double)Parts)));

    /// <summary>One member's augmented rows in class order: Left[p * terms ..] = [2c x, -c |x|^2, 1], Right[t * rows + p] =
    /// [x, 1, -c |x|^2] column-wise; Order[p] is the original row at position p, and class y holds positions
    /// [Start[y], Start[y + 1]).</summary>
    private sealed record Layout(double[] Left, double[] Right, int[] Order, int[] Start, int[] ClassAt, int Rows, int Terms, int Classes)
    {
        public static Layout Of(double[] centred, int member, int rows, int width, double c, long[] classOfRow, int classes)
        {
            int terms = width + 2;
            int[] order = Enumerable.Range(0, rows).OrderBy(row => classOfRow[row]).ToArray(); // stable
            var start = new int[classes + 1];
            foreach (long y in classOfRow) start[y + 1]++;
            for (int y = 0; y < classes; y++) start[y + 1] += start[y];
            var (left, right, classAt) = (new double[rows * terms], new double[terms * rows], new int[rows]);
            for (int p = 0; p < rows; p++)
            {
                int row = order[p];
                classAt[p] = (int)classOfRow[row];
                ReadOnlySpan<double> x = centred.AsSpan((member * rows + row) * width, width);
                double norm = 0;
                for (int k = 0; k < width; k++) norm += x[k] * x[k];
                for (int k = 0; k < width; k++)
                {
                    left[p * terms + k] = x[k] * (c * 2);
                    right[k * rows + p] = x[k];
                }
                (left[p * terms + width], left[p * terms + width + 1]) = (norm * -c, 1);
                (right[width * rows + p], right[(width + 1) * rows + p]) = (1, norm * -c);
            }
            return new Layout(left, right, order, start, classAt, rows, terms, classes);
        }
    }

    /// <summary>Row sums of positions [first, end) by class ([end - first, classes]) and their additions to every position's
    /// column sums by class ([classes, rows]).</summary>
    private sealed record Part(double[] RowB, double[] RowKl, double[] ColumnB, double[] ColumnKl);

    private static Part Run(Layout layout, int first, int end)
    {
        int rows = layout.Rows, terms = layout.Terms, classes = layout.Classes, lanes = Vector256<double>.Count;
        var part = new Part(new double[(end - first) * classes], new double[(end - first) * classes], new double[classes * rows], new double[classes * rows]);
        Span<Vector256<double>> weights = stackalloc Vector256<double>[MaxWidth + 2];
        ref Vector256<double> weight0 = ref weights[0];
        ReadOnlySpan<double> right = layout.Right;
        // The body reads through refs without bounds checks: j + lanes <= stop <= rows and t < terms keep every read
        // inside Right ([terms, rows]) and every column sum inside its class's row of ColumnB and ColumnKl.
        ref double right0 = ref MemoryMarshal.GetArrayDataReference(layout.Right);
        // Cache blocks: RowBlock rows at a time meet ColumnBlock columns at a time, so a block of Right (terms x 2,048
        // doubles, at most 544 KB) is read from the cache by every row of the row block. Up to 2,048 rows every row
        // meets all its columns in one block, in column order.
        for (int p0 = first; p0 < end; p0 += RowBlock)
        {
            int p1 = Math.Min(p0 + RowBlock, end);
            for (int p = p0; p < p1; p++)
            {
                // The pair with itself counts once, in its own row.
                int own = layout.ClassAt[p];
                var (selfB, selfKl) = Terms(Vector256.Create(Dot(layout.Left.AsSpan(p * terms, terms), right, rows, p)));
                part.RowB[(p - first) * classes + own] += selfB[0];
                part.RowKl[(p - first) * classes + own] += selfKl[0];
            }
            for (int j0 = p0 + 1; j0 < rows; j0 += ColumnBlock)
            {
                int j1 = Math.Min(j0 + ColumnBlock, rows);
                for (int p = p0; p < p1; p++)
                {
                    ReadOnlySpan<double> weight = layout.Left.AsSpan(p * terms, terms);
                    for (int t = 0; t < terms; t++) weights[t] = Vector256.Create(weight[t]);
                    int own = layout.ClassAt[p];
                    Span<double> columnB = part.ColumnB.AsSpan(own * rows, rows), columnKl = part.ColumnKl.AsSpan(own * rows, rows);
                    ref double columnB0 = ref MemoryMarshal.GetReference(columnB), columnKl0 = ref MemoryMarshal.GetReference(columnKl);
                    Span<double> rowB = part.RowB.AsSpan((p - first) * classes, classes), rowKl = part.RowKl.AsSpan((p - first) * classes, classes);
                    for (int y = 0; y < classes; y++)
                    {
                        int j = Math.Max(Math.Max(layout.Start[y], p + 1), j0), stop = Math.Min(layout.Start[y + 1], j1);
                        if (j >= stop) continue;
                        Vector256<double> sumB = Vector256<double>.Zero, sumKl = Vector256<double>.Zero;
                        for (; j + lanes <= stop; j += lanes)
                        {
                            ref double column = ref Unsafe.Add(ref right0, j);
                            Vector256<double> exponent = weight0 * Vector256.LoadUnsafe(ref column);
                            for (int t = 1; t < terms; t++)
                                exponent = Vector256.FusedMultiplyAdd(Unsafe.Add(ref weight0, t), Vector256.LoadUnsafe(ref column, (nuint)(t * rows)), exponent);
                            var (b, kl) = Terms(exponent);
                            sumB += b;
                            sumKl += kl;
                            ref double toB = ref Unsafe.Add(ref columnB0, j), toKl = ref Unsafe.Add(ref columnKl0, j);
                            (Vector256.LoadUnsafe(ref toB) + b).StoreUnsafe(ref toB);
                            (Vector256.LoadUnsafe(ref toKl) + kl).StoreUnsafe(ref toKl);
                        }
                        double tailB = 0, tailKl = 0;
                        for (; j < stop; j++)
                        {
                            var (b, kl) = Terms(Vector256.Create(Dot(weight, right, rows, j)));
                            (tailB, tailKl) = (tailB + b[0], tailKl + kl[0]);
                            columnB[j] += b[0];
                            columnKl[j] += kl[0];
                        }
                        rowB[y] += Vector256.Sum(sumB) + tailB;
                        rowKl[y] += Vector256.Sum(sumKl) + tailKl;
                    }
                }
            }
        }
        return part;
    }

    /// <summary>The exponent of the pair (row's weights, column j): the vector body's multiply-add chain, one lane.</summary>
    private static double Dot(ReadOnlySpan<double> weight, ReadOnlySpan<double> right, int rows, int j)
    {
        double exponent = weight[0] * right[j];
        for (int t = 1; t < weight.Length; t++) exponent = Math.FusedMultiplyAdd(weight[t], right[t * rows + j], exponent);
        return exponent;
    }

    /// <summary>exp(-c H) and its fourth power, exp(-4 c H) = exp(-H / (2 s^2)).</summary>
    private static (Vector256<double> B, Vector256<double> Kl) Terms(Vector256<double> exponent)
    {
        Vector256<double> b = VectorExp.OfDouble(exponent);
        Vector256<double> floored = Vector256.Max(b, Vector256.Create(FourthPowerFloor));
        Vector256<double> square = floored * floored;
        Vector256<double> kl = Vector256.ConditionalSelect(Vector256.LessThan(b, Vector256.Create(FourthPowerFloor)), Vector256<double>.Zero, square * square);
        return (b, kl);
    }
}
