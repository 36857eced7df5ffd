using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>The all-pairs part of <see cref="TensorRowLogSums"/>: per row k and class y, sum over the rows j of class y
/// of exp(-c H_kj) and of exp(-4 c H_kj), computed tile by tile over the tiles on and above the diagonal.</summary>
internal sealed class PairSums
{
    private readonly Tensor _left, _rightT, _oneHot;
    private readonly int _rows;
    private readonly List<(long I, long J)> _tiles = [];
    private readonly object _gate = new();
    private double[] _byClassB = [], _byClassKl = [];
    private int _committed;

    /// <param name="centred">[rows, d] float64 rows, centred.</param>
    /// <param name="c">1 / (8 s^2).</param>
    /// <param name="classOfRow">Dense class index of each row.</param>
    public PairSums(Tensor centred, double c, long[] classOfRow)
    {
        _rows = (int)centred.shape[0];
        Tensor norms = centred.square().sum(1, keepdim: true);
        Tensor one = ones(_rows, 1, dtype: float64, device: centred.device);
        // left_k . right_j = 2c x_k.x_j - c|x_k|^2 - c|x_j|^2 = -c H_kj: the exponent in one product.
        _left = cat([centred * (2 * c), norms * -c, one], 1);
        _rightT = cat([centred, one, norms * -c], 1).t().contiguous();
        Classes = (int)classOfRow.Max() + 1;
        using Tensor index = tensor(classOfRow, device: centred.device);
        _oneHot = nn.functional.one_hot(index, Classes).to(float64);
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
        Work();
        Task.WaitAll(helpers);
        return (_byClassB, _byClassKl);
    }

    private sealed record TilePart(double[] RowsB, double[] RowsKl, double[]? ColumnsB, double[]? ColumnsKl);

    private TilePart Tile((long I, long J) tile)
    {
        using var scope = NewDisposeScope();
        var (i0, j0) = tile;
        long bi = Math.Min(TensorRowLogSums.TileSize, _rows - i0), bj = Math.Min(TensorRowLogSums.TileSize, _rows - j0);
        bool diagonal = i0 == j0;
        Tensor rowClasses = _oneHot.narrow(0, i0, bi), columnClasses = _oneHot.narrow(0, j0, bj);
        Tensor terms = _left.narrow(0, i0, bi).mm(_rightT.narrow(1, j0, bj)).exp_();
        double[] rowsB = TensorRowLogSums.ToArray(terms.mm(columnClasses));
        double[]? columnsB = diagonal ? null : TensorRowLogSums.ToArray(terms.t().mm(rowClasses));
        terms.mul_(terms).mul_(terms); // exp(-c H)^4 = exp(-H / (2 s^2)), squared twice in place
        double[] rowsKl = TensorRowLogSums.ToArray(terms.mm(columnClasses));
        double[]? columnsKl = diagonal ? null : TensorRowLogSums.ToArray(terms.t().mm(rowClasses));
        return new TilePart(rowsB, rowsKl, columnsB, columnsKl);
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
