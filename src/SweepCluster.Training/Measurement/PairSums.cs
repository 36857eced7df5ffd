using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>The all-pairs part of <see cref="TensorRowLogSums"/>: per row k and class y, sum over the rows j of class y
/// of exp(-c H_kj) and of exp(-4 c H_kj), computed tile by tile over the tiles on and above the diagonal. The rows come
/// sorted by class, so a class is a run of columns (or rows) of a tile and its sums are plain row (column) sums.</summary>
internal sealed class PairSums
{
    private readonly Tensor _left, _rightT;
    private readonly int[] _classStart;
    private readonly int _rows;
    private readonly List<(long I, long J)> _tiles = [];
    private readonly object _gate = new();
    private double[] _byClassB = [], _byClassKl = [];
    private int _committed;

    /// <param name="centred">[rows, d] float64 rows, centred, sorted by class.</param>
    /// <param name="c">1 / (8 s^2).</param>
    /// <param name="classStart">First row of each class, then the row count: C + 1 entries.</param>
    public PairSums(Tensor centred, double c, int[] classStart)
    {
        _rows = (int)centred.shape[0];
        Tensor norms = centred.Squared().sum(1, keepdim: true);
        Tensor one = ones(_rows, 1, dtype: float64, device: centred.device);
        // left_k . right_j = 2c x_k.x_j - c|x_k|^2 - c|x_j|^2 = -c H_kj: the exponent in one product.
        using Scalar twoC = (2 * c).ToScalar(), minusC = (-c).ToScalar();
        _left = cat([centred * twoC, norms * minusC, one], 1);
        _rightT = cat([centred, one, norms * minusC], 1).t().contiguous();
        _classStart = classStart;
        Classes = classStart.Length - 1;
        for (long i0 = 0; i0 < _rows; i0 += TensorRowLogSums.TileSize)
            for (long j0 = i0; j0 < _rows; j0 += TensorRowLogSums.TileSize)
                _tiles.Add((i0, j0));
    }

    public int Classes { get; }

    /// <summary>Row-major [rows, classes] sums. With more than one worker each worker runs its tiles on one torch thread
    /// (the caller has set that for its own); tiles are taken in order and their sums added in order.</summary>
    public (double[] B, double[] Kl) Run(int workers)
    {
        _byClassB = new double[_rows * Classes];
        _byClassKl = new double[_rows * Classes];
        _committed = 0;
        var parts = new TilePart?[_tiles.Count];
        int next = -1;
        void Work()
        {
            if (workers > 1) set_num_threads(1);
            for (int t; (t = Interlocked.Increment(ref next)) < _tiles.Count;)
            {
                parts[t] = Tile(_tiles[t]);
                Commit(parts);
            }
        }
        var helpers = Enumerable.Range(1, workers - 1)
            .Select(_ => Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning)).ToArray();
        // The helpers read tensors the caller disposes: wait for them even when this thread's share fails.
        try { Work(); }
        finally { Task.WaitAll(helpers); }
        return (_byClassB, _byClassKl);
    }

    private sealed record TilePart(double[] RowsB, double[] RowsKl, double[]? ColumnsB, double[]? ColumnsKl);

    private TilePart Tile((long I, long J) tile)
    {
        using var scope = NewDisposeScope();
        var (i0, j0) = tile;
        long bi = Math.Min(TensorRowLogSums.TileSize, _rows - i0), bj = Math.Min(TensorRowLogSums.TileSize, _rows - j0);
        bool diagonal = i0 == j0;
        Tensor terms = _left.narrow(0, i0, bi).mm(_rightT.narrow(1, j0, bj)).exp_();
        double[] rowsB = ByClass(terms, 1, j0), columnsB = diagonal ? [] : ByClass(terms, 0, i0);
        terms.mul_(terms).mul_(terms); // exp(-c H)^4 = exp(-H / (2 s^2)), squared twice in place
        double[] rowsKl = ByClass(terms, 1, j0), columnsKl = diagonal ? [] : ByClass(terms, 0, i0);
        return new TilePart(rowsB, rowsKl, diagonal ? null : columnsB, diagonal ? null : columnsKl);
    }

    /// <summary>Row-major [kept entries, classes] sums of a tile over <paramref name="dim"/> (1: over its columns, for
    /// its rows; 0: over its rows, for its columns), split at the class boundaries; <paramref name="first"/> is the
    /// first row index of the summed dimension.</summary>
    private double[] ByClass(Tensor terms, int dim, long first)
    {
        long length = terms.shape[dim], kept = terms.shape[1 - dim];
        var sums = new double[kept * Classes];
        for (int cls = 0; cls < Classes; cls++)
        {
            long from = Math.Max(_classStart[cls], first), to = Math.Min(_classStart[cls + 1], first + length);
            if (from >= to) continue;
            Tensor run = terms.narrow(dim, from - first, to - from);
            // Column sums as a product with a row of ones: a third of the time of sum(0) (one torch thread: reproducible).
            Tensor sum = dim == 1 ? run.sum(1) : ones(1, to - from, dtype: float64, device: run.device).mm(run);
            double[] part = TensorRowLogSums.ToArray(sum);
            for (long k = 0; k < kept; k++) sums[k * Classes + cls] = part[k];
        }
        return sums;
    }

    /// <summary>Adds every finished tile that follows the last added one: the order of the additions is the tile order
    /// whichever worker finished first; an added tile's arrays are dropped.</summary>
    private void Commit(TilePart?[] parts)
    {
        lock (_gate)
        {
            for (; _committed < parts.Length && parts[_committed] is { } part; parts[_committed++] = null)
            {
                var (i0, j0) = _tiles[_committed];
                Add(_byClassB, i0, part.RowsB);
                Add(_byClassKl, i0, part.RowsKl);
                if (part.ColumnsB is null) continue;
                Add(_byClassB, j0, part.ColumnsB);
                Add(_byClassKl, j0, part.ColumnsKl!);
            }
        }
    }

    private void Add(double[] sums, long firstRow, double[] part)
    {
        long offset = firstRow * Classes;
        for (int k = 0; k < part.Length; k++) sums[offset + k] += part[k];
    }
}
