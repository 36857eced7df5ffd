using SweepCluster.Core.Information;
using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>Core's <see cref="RowLogSums"/> (the pairwise-bound sums, whose plain-double <c>Compute</c> is the reference)
/// as tensor algebra on the device that holds the activations.</summary>
/// <remarks>
/// <para>All rows against all rows, one square tile of rows at a time: exp(-H_kj / (8 s^2)) for a tile is one matrix
/// product of augmented rows, [2c x_k, -c |x_k|^2, 1] . [x_j, 1, -c |x_j|^2] = -c H_kj with c = 1 / (8 s^2), then an exp
/// in place; the fourth power gives the 2 s^2 terms. With the rows sorted by class, a tile's row sums over each class's
/// run of columns (and column sums over each run of rows) give the own-class sums, and their total the all-rows sums. H
/// is symmetric, so only tiles on and above the diagonal are computed: each off-diagonal tile serves its rows and its
/// columns.</para>
/// <para>Precision: everything is float64. The Gram expansion loses |x|^2 eps against H, so the rows are centred first
/// (distances do not change); the error in an exponent is then about c |x|^2 1e-16, far below the 1e-6 the estimates
/// are checked to. No log-sum-exp shift is needed: the largest exponent of every row is its own, 0, so each sum is at
/// least 1 and terms that underflow are negligible against it, as in the reference. The rows of one input (its M noise
/// paths) are summed separately, from differences to the input's first path, without the global expansion's
/// cancellation.</para>
/// <para>Determinism: libtorch's float64 matrix products gave last-bit differences between one and two threads (even
/// under MKL's reproducible mode), so on the CPU every tile runs on one torch thread and the tiles are spread over the
/// trial's thread count by this class; each tile's partial sums are kept and added in tile order, so the numbers do
/// not depend on the number of threads.</para>
/// </remarks>
internal static class TensorRowLogSums
{
    /// <summary>Rows and columns of one tile: 512 x 512 float64 values are 2 MB, touched by a handful of passes (product,
    /// exp, powers, class sums) that then stay in the cache. Measured against 1024 (8 MB a tile, memory-bound passes)
    /// and 256 (more calls per pair): the estimate phase of the quickstart grid took 7-8 s against 10 s at 1024, and
    /// N = 1000, M = 32 took 2.0 s against 2.2 s.</summary>
    public const int TileSize = 512;

    /// <param name="centers">[paths * n, d] pre-noise activations, path-major: row p * n + i is input i on path p.</param>
    /// <param name="noiseStd">s, finite and &gt; 0.</param>
    /// <param name="inputs">n; every input owns rows / n paths.</param>
    /// <param name="labelOfInput">One label per input.</param>
    public static RowLogSums Compute(Tensor centers, double noiseStd, int inputs, IReadOnlyList<int> labelOfInput)
    {
        if (!(noiseStd > 0) || double.IsInfinity(noiseStd))
            throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "The noise std s must be finite and > 0; use binning for s = 0.");
        int rows = (int)centers.shape[0];
        if (centers.dim() != 2 || inputs < 1 || rows % inputs != 0)
            throw new ArgumentException($"Expected [paths * {inputs}, d] centers, got [{string.Join(", ", centers.shape)}].", nameof(centers));
        if (labelOfInput.Count != inputs)
            throw new ArgumentException($"Got {labelOfInput.Count} labels for {inputs} inputs.", nameof(labelOfInput));

        using var oneThread = new OneTorchThread(centers.device);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor x = centers.detach().to(float64);
        if (!isfinite(x).all().item<bool>()) throw new ArgumentException("The centers contain NaN or infinity.", nameof(centers));
        double c = 1.0 / (8.0 * noiseStd * noiseStd);
        long[] classOfRow = ClassIndexOfRows(labelOfInput, rows);
        // Sorted by class (stable), each class is a run of rows: its sums are slices, not products with a one-hot matrix.
        int[] order = Enumerable.Range(0, rows).OrderBy(row => classOfRow[row]).ToArray();
        using Tensor index = tensor(order.Select(row => (long)row).ToArray(), device: x.device);
        var pairs = new PairSums((x - x.mean([0])).index_select(0, index), c, ClassStarts(classOfRow));
        var (byClassB, byClassKl) = pairs.Run(oneThread.OnCpu ? Math.Max(1, oneThread.Found) : 1);
        var (inputB, inputKl) = WithinInputs(x, c, inputs);
        return Assemble(byClassB, byClassKl, order, inputB, inputKl, classOfRow, pairs.Classes);
    }

    /// <param name="byClassB">[sorted row, class] sums; sorted row q is row order[q].</param>
    private static RowLogSums Assemble(
        double[] byClassB, double[] byClassKl, int[] order, double[] inputB, double[] inputKl, long[] classOfRow, int classes)
    {
        int rows = classOfRow.Length;
        var (klAll, bAll, klClass, bClass) = (new double[rows], new double[rows], new double[rows], new double[rows]);
        for (int q = 0; q < rows; q++)
        {
            int k = order[q];
            double sumB = 0, sumKl = 0;
            for (int cls = 0; cls < classes; cls++)
            {
                sumB += byClassB[q * classes + cls];
                sumKl += byClassKl[q * classes + cls];
            }
            (bAll[k], klAll[k]) = (Math.Log(sumB), Math.Log(sumKl));
            bClass[k] = Math.Log(byClassB[q * classes + classOfRow[k]]);
            klClass[k] = Math.Log(byClassKl[q * classes + classOfRow[k]]);
        }
        return new RowLogSums(klAll, bAll, klClass, bClass, Array.ConvertAll(inputKl, Math.Log), Array.ConvertAll(inputB, Math.Log));
    }

    /// <summary>Per row, the B and KL sums over the rows of its own input, in row order.</summary>
    private static (double[] B, double[] Kl) WithinInputs(Tensor x, double c, int inputs)
    {
        long rows = x.shape[0], paths = rows / inputs;
        Tensor perInput = x.view(paths, inputs, -1).transpose(0, 1); // [n, M, d]
        Tensor local = perInput - perInput.narrow(1, 0, 1);         // relative to path 0: no cancellation
        Tensor norms = local.Squared().sum(2);                      // [n, M]
        Tensor squared = (norms.unsqueeze(2).Plus(norms.unsqueeze(1)) - Scalars.Two * local.bmm(local.transpose(1, 2))).clamp_min_(Scalars.Zero);
        using Scalar minusC = (-c).ToScalar();
        Tensor terms = squared.mul_(minusC).exp_();
        Tensor sumsB = terms.sum(2);
        Tensor sumsKl = terms.mul_(terms).mul_(terms).sum(2);
        // [n, M] -> row p * n + i.
        return (ToArray(sumsB.t()), ToArray(sumsKl.t()));
    }

    internal static double[] ToArray(Tensor t)
    {
        using Tensor host = t.cpu().contiguous();
        return host.data<double>().ToArray();
    }

    /// <summary>The first row of each class once the rows are sorted by class, then the row count.</summary>
    private static int[] ClassStarts(long[] classOfRow)
    {
        int classes = (int)classOfRow.Max() + 1;
        var starts = new int[classes + 1];
        foreach (long cls in classOfRow) starts[cls + 1]++;
        for (int cls = 0; cls < classes; cls++) starts[cls + 1] += starts[cls];
        return starts;
    }

    /// <summary>Dense class index (order of first appearance) of every path-major row.</summary>
    private static long[] ClassIndexOfRows(IReadOnlyList<int> labelOfInput, int rows)
    {
        var dense = new Dictionary<int, long>();
        long[] classOfInput = labelOfInput.Select(label => dense.TryGetValue(label, out long k) ? k : dense[label] = dense.Count).ToArray();
        return Enumerable.Range(0, rows).Select(row => classOfInput[row % classOfInput.Length]).ToArray();
    }
}
