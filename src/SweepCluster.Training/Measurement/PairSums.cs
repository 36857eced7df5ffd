using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>The all-pairs part of <see cref="TensorRowLogSums"/> for S members at once: per member, row k and class y, the
/// sum over the member's rows j of class y of exp(-c H_kj) and of exp(-4 c H_kj), computed tile by tile over the tiles on
/// and above the diagonal, every member's tile in one batched product. A tile's class sums are products with the rows'
/// one-hot classes (each member has its own labels, so a class is not a run of rows shared by the pack).</summary>
internal sealed class PairSums
{
    private readonly Tensor _left, _rightT, _oneHot;
    private readonly int _members, _rows, _side;
    private readonly List<(long I, long J)> _tiles = [];
    private readonly object _gate = new();
    private double[] _byClassB = [], _byClassKl = [];
    private int _committed;

    /// <param name="centred">[S, rows, d] float64 rows, each member's centred.</param>
    /// <param name="c">[S, 1, 1] float64: each member's 1 / (8 s^2).</param>
    /// <param name="oneHot">[S, rows, C] float64: row k's class.</param>
    /// <param name="side">Rows and columns of a tile.</param>
    public PairSums(Tensor centred, Tensor c, Tensor oneHot, int side)
    {
        _side = side;
        (_members, _rows) = ((int)centred.shape[0], (int)centred.shape[1]);
        Classes = (int)oneHot.shape[2];
        _oneHot = oneHot;
        Tensor norms = centred.Squared().sum(2, keepdim: true);
        Tensor one = ones(_members, _rows, 1, dtype: float64, device: centred.device);
        Tensor minusC = c.neg();
        // left_k . right_j = 2c x_k.x_j - c|x_k|^2 - c|x_j|^2 = -c H_kj: the exponent in one product.
        _left = cat([centred * (c * Scalars.Two), norms * minusC, one], 2);
        _rightT = cat([centred, one, norms * minusC], 2).transpose(1, 2).contiguous();
        for (long i0 = 0; i0 < _rows; i0 += _side)
            for (long j0 = i0; j0 < _rows; j0 += _side)
                _tiles.Add((i0, j0));
    }

    public int Classes { get; }

    /// <summary>Row-major [S, rows, classes] sums. With more than one worker each worker runs its tiles on one torch
    /// thread (the caller has set that for its own); tiles are taken in order and their sums added in order.</summary>
    public (double[] B, double[] Kl) Run(int workers)
    {
        _byClassB = new double[(long)_members * _rows * Classes];
        _byClassKl = new double[(long)_members * _rows * Classes];
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

    /// <summary>A tile's [S, tile rows, C] sums for its rows and (off the diagonal) [S, tile columns, C] for its columns.</summary>
    private sealed record TilePart(long Rows, long Columns, double[] RowsB, double[] RowsKl, double[]? ColumnsB, double[]? ColumnsKl);

    private TilePart Tile((long I, long J) tile)
    {
        using var scope = NewDisposeScope();
        var (i0, j0) = tile;
        long bi = Math.Min(_side, _rows - i0), bj = Math.Min(_side, _rows - j0);
        bool diagonal = i0 == j0;
        Tensor rowClasses = _oneHot.narrow(1, j0, bj), columnClasses = _oneHot.narrow(1, i0, bi);
        Tensor terms = _left.narrow(1, i0, bi).bmm(_rightT.narrow(2, j0, bj)).exp_();
        double[] rowsB = HostCopy.ToArray<double>(terms.bmm(rowClasses));
        double[]? columnsB = diagonal ? null : HostCopy.ToArray<double>(terms.transpose(1, 2).bmm(columnClasses));
        terms.mul_(terms).mul_(terms); // exp(-c H)^4 = exp(-H / (2 s^2)), squared twice in place
        double[] rowsKl = HostCopy.ToArray<double>(terms.bmm(rowClasses));
        double[]? columnsKl = diagonal ? null : HostCopy.ToArray<double>(terms.transpose(1, 2).bmm(columnClasses));
        return new TilePart(bi, bj, rowsB, rowsKl, columnsB, columnsKl);
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
                Add(_byClassB, i0, part.Rows, part.RowsB);
                Add(_byClassKl, i0, part.Rows, part.RowsKl);
                if (part.ColumnsB is null) continue;
                Add(_byClassB, j0, part.Columns, part.ColumnsB);
                Add(_byClassKl, j0, part.Columns, part.ColumnsKl!);
            }
        }
    }

    /// <summary>Adds a [S, count, C] part to the [S, rows, C] sums from row <paramref name="firstRow"/> of every member.</summary>
    private void Add(double[] sums, long firstRow, long count, double[] part)
    {
        long span = count * Classes;
        for (int s = 0; s < _members; s++)
        {
            long offset = ((long)s * _rows + firstRow) * Classes, from = s * span;
            for (long k = 0; k < span; k++) sums[offset + k] += part[from + k];
        }
    }
}
