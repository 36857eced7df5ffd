using MathNet.Numerics;
using SweepCluster.Core.Data;

namespace SweepCluster.Core.Information;

/// <summary>Kraskov-Stoegbauer-Grassberger (2004) algorithm 1 estimate of I(X;Y) in nats from paired samples,
/// with the max-norm on the joint space Z = (X, Y).</summary>
/// <remarks>
/// eps_i is the max-norm distance from z_i to its k-th nearest neighbour, n_x(i) the number of other points with
/// ||x_j - x_i|| &lt; eps_i (strictly), n_y likewise, and I = psi(k) + psi(N) - mean_i[psi(n_x + 1) + psi(n_y + 1)].
/// Biased downward when I is large (it needs N of order e^I) and in more than about 10 dimensions; the result can be
/// slightly negative for independent data. Neighbours come from k-d trees up to 10 joint dimensions, where they
/// pay off, and from a brute-force O(N^2 d) scan above.
/// </remarks>
public static class KsgEstimator
{
    /// <summary>Joint dimension up to which k-d trees are used; above it their pruning no longer beats a scan.</summary>
    internal const int MaxTreeDimensions = 10;

    /// <summary>I(X;Y) in nats; row i of <paramref name="x"/> is paired with row i of <paramref name="y"/>.</summary>
    public static double Estimate(SampleMatrix x, SampleMatrix y, KsgOptions? options = null) =>
        Estimate(x, y, options, NeighbourSearch.Auto);

    internal static double Estimate(SampleMatrix x, SampleMatrix y, KsgOptions? options, NeighbourSearch search)
    {
        options ??= new KsgOptions();
        Validate(x, y, options);
        int n = x.Rows, k = options.K;
        var (xs, ys) = Prepare(x, y, options);

        bool useTree = search == NeighbourSearch.KdTree
            || (search == NeighbourSearch.Auto && x.Columns + y.Columns <= MaxTreeDimensions);
        int[] nx = new int[n], ny = new int[n];
        if (useTree) CountWithTrees(xs, ys, k, nx, ny);
        else CountByScan(xs, ys, k, nx, ny);

        // psi at the integers 1..N, shared by both paths; summed in index order so the result is bit-identical
        // across thread counts and between the tree and the scan.
        var psi = new double[n + 1];
        for (int m = 1; m <= n; m++) psi[m] = SpecialFunctions.DiGamma(m);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += psi[nx[i] + 1] + psi[ny[i] + 1];
        return psi[k] + psi[n] - sum / n;
    }

    private static void CountWithTrees(SampleMatrix xs, SampleMatrix ys, int k, int[] nx, int[] ny)
    {
        var joint = Concatenate(xs, ys);
        var jointTree = new KdTree(joint);
        var xTree = new KdTree(xs);
        var yTree = new KdTree(ys);
        Parallel.For(0, xs.Rows, i =>
        {
            double eps = jointTree.KthNeighbourDistance(joint.ReadRow(i), k, excludeRow: i);
            // The count includes point i itself exactly when its distance 0 is below eps.
            int self = eps > 0 ? 1 : 0;
            nx[i] = xTree.CountWithin(xs.ReadRow(i), eps) - self;
            ny[i] = yTree.CountWithin(ys.ReadRow(i), eps) - self;
        });
    }

    private static void CountByScan(SampleMatrix xs, SampleMatrix ys, int k, int[] nx, int[] ny)
    {
        int n = xs.Rows;
        Parallel.For(0, n, () => (new double[n], new double[n]), (i, _, buffers) =>
        {
            var (dx, dy) = buffers;
            Span<double> best = k <= 64 ? stackalloc double[k] : new double[k];
            best.Fill(double.PositiveInfinity);
            ReadOnlySpan<double> xi = xs.ReadRow(i), yi = ys.ReadRow(i);
            for (int j = 0; j < n; j++)
            {
                dx[j] = KdTree.Distance(xi, xs.ReadRow(j));
                dy[j] = KdTree.Distance(yi, ys.ReadRow(j));
                if (j == i) continue;
                double d = Math.Max(dx[j], dy[j]);
                if (d < best[^1]) KdTree.InsertSorted(best, d);
            }
            double eps = best[^1];
            int cx = 0, cy = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                if (dx[j] < eps) cx++;
                if (dy[j] < eps) cy++;
            }
            nx[i] = cx;
            ny[i] = cy;
            return buffers;
        }, _ => { });
    }

    /// <summary>Standardized, jittered copies of x and y; the caller's matrices are left untouched.</summary>
    private static (SampleMatrix X, SampleMatrix Y) Prepare(SampleMatrix x, SampleMatrix y, KsgOptions options)
    {
        var xs = new SampleMatrix((double[])x.Data.Clone(), x.Rows, x.Columns);
        var ys = new SampleMatrix((double[])y.Data.Clone(), y.Rows, y.Columns);
        if (options.Standardize)
        {
            StandardizeColumns(xs);
            StandardizeColumns(ys);
        }
        if (options.Jitter > 0)
        {
            var random = new Random(options.Seed);
            AddJitter(xs, options.Jitter, random);
            AddJitter(ys, options.Jitter, random);
        }
        return (xs, ys);
    }

    private static void StandardizeColumns(SampleMatrix m)
    {
        for (int c = 0; c < m.Columns; c++)
        {
            double mean = 0;
            for (int r = 0; r < m.Rows; r++) mean += m[r, c];
            mean /= m.Rows;
            double variance = 0;
            for (int r = 0; r < m.Rows; r++) variance += (m[r, c] - mean) * (m[r, c] - mean);
            double std = Math.Sqrt(variance / m.Rows);
            // A constant column carries no information; centring it to 0 is enough (the jitter breaks its ties).
            double scale = std > 0 ? 1.0 / std : 1.0;
            for (int r = 0; r < m.Rows; r++) m[r, c] = (m[r, c] - mean) * scale;
        }
    }

    private static void AddJitter(SampleMatrix m, double halfWidth, Random random)
    {
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] += halfWidth * (2.0 * random.NextDouble() - 1.0);
    }

    private static SampleMatrix Concatenate(SampleMatrix x, SampleMatrix y)
    {
        var joint = new SampleMatrix(x.Rows, x.Columns + y.Columns);
        for (int r = 0; r < x.Rows; r++)
        {
            x.ReadRow(r).CopyTo(joint.Row(r));
            y.ReadRow(r).CopyTo(joint.Row(r)[x.Columns..]);
        }
        return joint;
    }

    private static void Validate(SampleMatrix x, SampleMatrix y, KsgOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rows != y.Rows) throw new ArgumentException($"x has {x.Rows} rows but y has {y.Rows}; rows must be paired.", nameof(y));
        if (x.Columns < 1 || y.Columns < 1) throw new ArgumentException("x and y each need at least one column.", nameof(x));
        if (options.K < 1) throw new ArgumentOutOfRangeException(nameof(options), options.K, "KSG needs k >= 1 neighbours.");
        if (x.Rows <= options.K)
            throw new ArgumentException($"KSG with k = {options.K} needs more than {options.K} samples; got {x.Rows}.", nameof(x));
        if (!(options.Jitter >= 0) || double.IsInfinity(options.Jitter))
            throw new ArgumentOutOfRangeException(nameof(options), options.Jitter, "The jitter must be finite and >= 0.");
        foreach (double v in x.Data)
            if (!double.IsFinite(v)) throw new ArgumentException("x contains NaN or infinity.", nameof(x));
        foreach (double v in y.Data)
            if (!double.IsFinite(v)) throw new ArgumentException("y contains NaN or infinity.", nameof(y));
    }
}
