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
/// in place; the fourth power gives the 2 s^2 terms. A tile's products with the one-hot classes of its columns (and of
/// its rows) give each row's per-class sums, whose total is the all-rows sum. H is symmetric, so only tiles on and
/// above the diagonal are computed: each off-diagonal tile serves its rows and its columns. The members of a pack run
/// as one batch: member s's rows meet only its own rows, with its own s and labels. On the CPU, layers up to 32 wide
/// take <see cref="FusedPairSums"/> instead, the same products and sums pair by pair in one pass.</para>
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
    /// <summary>Rows and columns of one member's tile: 512 x 512 float64 values are 2 MB, touched by a handful of passes
    /// (product, exp, powers, class sums) that then stay in the cache. Measured against 1024 (8 MB a tile, memory-bound
    /// passes) and 256 (more calls per pair): the estimate phase of the quickstart grid took 7-8 s against 10 s at 1024,
    /// and N = 1000, M = 32 took 2.0 s against 2.2 s.</summary>
    public const int TileSize = 512;

    /// <summary>The tile side and the members per batched product for members of <paramref name="rows"/> rows: up to
    /// 4,096 rows, tiles of 256 for four members at once (4 x 0.5 MB, few tiles a member, so the calls are what a
    /// batch saves); above, one member's 512 x 512 tiles. Both follow from the rows alone, never from the pack, so a
    /// member's sums are bit for bit those it has alone (a resumed sweep's trials ran in other packs than the
    /// uninterrupted run's, and must match it exactly).</summary>
    private static (int Side, int Members) Batching(int rows) => rows <= 4096 ? (TileSize / 2, 4) : (TileSize, 1);

    /// <param name="centers">[paths * n, d] pre-noise activations, path-major: row p * n + i is input i on path p.</param>
    /// <param name="noiseStd">s, finite and &gt; 0.</param>
    /// <param name="inputs">n; every input owns rows / n paths.</param>
    /// <param name="labelOfInput">One label per input.</param>
    public static RowLogSums Compute(Tensor centers, double noiseStd, int inputs, IReadOnlyList<int> labelOfInput)
    {
        if (centers.dim() != 2)
            throw new ArgumentException($"Expected [paths * {inputs}, d] centers, got [{string.Join(", ", centers.shape)}].", nameof(centers));
        // Dense classes in order of first appearance, so any labels will do.
        var dense = new Dictionary<int, int>();
        int[] labels = labelOfInput.Select(label => dense.TryGetValue(label, out int k) ? k : dense[label] = dense.Count).ToArray();
        using Tensor one = centers.unsqueeze(0);
        return Compute(one, [noiseStd], inputs, [labels], dense.Count)[0];
    }

    /// <summary>The sums of S members at once, every member's rows against its own rows only.</summary>
    /// <param name="centers">[S, paths * n, d]: member s's rows in row s.</param>
    /// <param name="noiseStd">Each member's s.</param>
    /// <param name="labelOfInput">Each member's labels, one per input, in [0, <paramref name="classes"/>).</param>
    /// <param name="classes">The class count (the dataset's, the same alone and in a pack: it sets the width of the
    /// class-sum products).</param>
    public static RowLogSums[] Compute(Tensor centers, double[] noiseStd, int inputs, IReadOnlyList<IReadOnlyList<int>> labelOfInput, int classes)
    {
        if (noiseStd.Any(s => !(s > 0) || double.IsInfinity(s)))
            throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd.First(s => !(s > 0) || double.IsInfinity(s)),
                "The noise std s must be finite and > 0; use binning for s = 0.");
        if (centers.dim() != 3 || inputs < 1 || centers.shape[1] % inputs != 0 || centers.shape[0] != noiseStd.Length)
            throw new ArgumentException($"Expected [{noiseStd.Length}, paths * {inputs}, d] centers, got [{string.Join(", ", centers.shape)}].", nameof(centers));
        if (labelOfInput.Count != noiseStd.Length || labelOfInput.Any(labels => labels.Count != inputs))
            throw new ArgumentException($"Expected {inputs} labels for each of {noiseStd.Length} members.", nameof(labelOfInput));
        if (labelOfInput.Any(labels => labels.Any(label => label < 0 || label >= classes)))
            throw new ArgumentException($"Every label must be in [0, {classes}).", nameof(labelOfInput));
        int members = noiseStd.Length, rows = (int)centers.shape[1];

        using var oneThread = new OneTorchThread(centers.device);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor x = centers.detach().to(float64);
        if (!isfinite(x).all().item<bool>()) throw new ArgumentException("The centers contain NaN or infinity.", nameof(centers));
        double[] c = noiseStd.Select(s => 1.0 / (8.0 * s * s)).ToArray();
        long[][] classOfRow = labelOfInput.Select(labels => Enumerable.Range(0, rows).Select(row => (long)labels[row % inputs]).ToArray()).ToArray();
        Tensor scale = tensor(c, [members, 1, 1], float64, x.device);
        // Each member centred on its own mean, computed alone: a reduction over the rows of a batch need not add in the
        // order it does for one member.
        Tensor centred = stack(Enumerable.Range(0, members).Select(s => x[s] - x[s].mean([0], keepdim: true)).ToArray());
        var (inputB, inputKl) = WithinInputs(x, scale, inputs);
        var results = new RowLogSums[members];
        int width = (int)x.shape[2];
        if (oneThread.OnCpu && width <= FusedPairSums.MaxWidth)
        {
            var (sumsB, sumsKl) = FusedPairSums.Compute(HostCopy.ToArray<double>(centred), rows, width, c, classOfRow, classes,
                Math.Max(1, oneThread.Found));
            for (int s = 0; s < members; s++)
                results[s] = Assemble(sumsB.AsSpan(s * rows * classes, rows * classes), sumsKl.AsSpan(s * rows * classes, rows * classes),
                    inputB[(s * rows)..((s + 1) * rows)], inputKl[(s * rows)..((s + 1) * rows)], classOfRow[s], classes);
            return results;
        }
        Tensor oneHot = nn.functional.one_hot(tensor(classOfRow.SelectMany(row => row).ToArray(), [members, rows], device: x.device), classes)
            .to(float64);
        var (side, perBatch) = Batching(rows);
        for (int first = 0; first < members; first += perBatch)
        {
            int count = Math.Min(perBatch, members - first);
            var pairs = new PairSums(centred.narrow(0, first, count), scale.narrow(0, first, count), oneHot.narrow(0, first, count), side);
            var (byClassB, byClassKl) = pairs.Run(oneThread.OnCpu ? Math.Max(1, oneThread.Found) : 1);
            for (int g = 0; g < count; g++)
            {
                int s = first + g;
                results[s] = Assemble(byClassB.AsSpan(g * rows * classes, rows * classes), byClassKl.AsSpan(g * rows * classes, rows * classes),
                    inputB[(s * rows)..((s + 1) * rows)], inputKl[(s * rows)..((s + 1) * rows)], classOfRow[s], classes);
            }
        }
        return results;
    }

    /// <param name="byClassB">[row, class] sums of one member.</param>
    private static RowLogSums Assemble(
        ReadOnlySpan<double> byClassB, ReadOnlySpan<double> byClassKl, double[] inputB, double[] inputKl, long[] classOfRow, int classes)
    {
        int rows = classOfRow.Length;
        var (klAll, bAll, klClass, bClass) = (new double[rows], new double[rows], new double[rows], new double[rows]);
        for (int k = 0; k < rows; k++)
        {
            double sumB = 0, sumKl = 0;
            for (int cls = 0; cls < classes; cls++)
            {
                sumB += byClassB[k * classes + cls];
                sumKl += byClassKl[k * classes + cls];
            }
            (bAll[k], klAll[k]) = (Math.Log(sumB), Math.Log(sumKl));
            bClass[k] = Math.Log(byClassB[k * classes + (int)classOfRow[k]]);
            klClass[k] = Math.Log(byClassKl[k * classes + (int)classOfRow[k]]);
        }
        return new RowLogSums(klAll, bAll, klClass, bClass, Array.ConvertAll(inputKl, Math.Log), Array.ConvertAll(inputB, Math.Log));
    }

    /// <summary>Per member and row, the B and KL sums over the rows of its own input, in row order ([S, rows] row-major).</summary>
    private static (double[] B, double[] Kl) WithinInputs(Tensor x, Tensor c, int inputs)
    {
        long members = x.shape[0], rows = x.shape[1], paths = rows / inputs;
        Tensor perInput = x.view(members, paths, inputs, -1).transpose(1, 2)
            .reshape(members * inputs, paths, -1);                    // [S n, M, d]
        Tensor local = perInput - perInput.narrow(1, 0, 1);         // relative to path 0: no cancellation
        Tensor norms = local.Squared().sum(2);                      // [S n, M]
        Tensor squared = (norms.unsqueeze(2).Plus(norms.unsqueeze(1)) - Scalars.Two * local.bmm(local.transpose(1, 2))).clamp_min_(Scalars.Zero);
        Tensor terms = squared.view(members, inputs, paths, paths).mul_(c.neg().unsqueeze(3)).exp_();
        Tensor sumsB = terms.sum(3);
        Tensor sumsKl = terms.mul_(terms).mul_(terms).sum(3);
        // [S, n, M] -> member s, row p * n + i.
        return (HostCopy.ToArray<double>(sumsB.transpose(1, 2)), HostCopy.ToArray<double>(sumsKl.transpose(1, 2)));
    }
}
