using SweepCluster.Core.Data;

namespace SweepCluster.Core.Information;

/// <summary>A static k-d tree over the rows of a matrix answering max-norm (Chebyshev) k-nearest-neighbour distance
/// and open-ball count queries; read-only after construction, so queries may run on many threads at once.</summary>
internal sealed class KdTree
{
    private const int LeafSize = 8;

    private readonly int _dims;
    private readonly double[] _points;   // coordinates in tree order, row-major, for cache-friendly leaf scans
    private readonly int[] _rowOf;       // original row of each tree-order point
    // Nodes as parallel arrays; a binary tree with at most Count leaves has fewer than 2 * Count nodes.
    private readonly int[] _start;
    private readonly int[] _end;
    private readonly int[] _left;      // -1 for a leaf
    private readonly int[] _right;
    private readonly double[] _lower;  // bounding box, _dims values per node
    private readonly double[] _upper;
    private int _nodes;

    public KdTree(SampleMatrix points)
    {
        _dims = points.Columns;
        Count = points.Rows;
        _rowOf = Enumerable.Range(0, Count).ToArray();
        int capacity = Math.Max(1, 2 * Count);
        (_start, _end, _left, _right) = (new int[capacity], new int[capacity], new int[capacity], new int[capacity]);
        (_lower, _upper) = (new double[capacity * _dims], new double[capacity * _dims]);
        var keys = new double[Count];
        if (Count > 0) Build(points, 0, Count, keys);
        _points = new double[Count * _dims];
        for (int p = 0; p < Count; p++) points.ReadRow(_rowOf[p]).CopyTo(_points.AsSpan(p * _dims, _dims));
    }

    public int Count { get; }

    /// <summary>Max-norm distance from <paramref name="query"/> to its k-th nearest point, skipping the point whose
    /// original row is <paramref name="excludeRow"/> (pass -1 to skip none).</summary>
    public double KthNeighbourDistance(ReadOnlySpan<double> query, int k, int excludeRow)
    {
        if (k < 1 || k > Count - (excludeRow >= 0 ? 1 : 0))
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Need 1 <= k <= number of other points ({Count}).");
        Span<double> best = k <= 64 ? stackalloc double[k] : new double[k];
        best.Fill(double.PositiveInfinity);
        Nearest(0, query, excludeRow, best);
        return best[k - 1];
    }

    /// <summary>Number of points whose max-norm distance to <paramref name="query"/> is strictly below
    /// <paramref name="radius"/>, the query point itself included if it is in the tree.</summary>
    public int CountWithin(ReadOnlySpan<double> query, double radius) => Count == 0 ? 0 : CountWithin(0, query, radius);

    /// <summary>Max-norm distance between two points; shared with the brute-force path so both give identical bits.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double max = 0;
        for (int d = 0; d < a.Length; d++) max = Math.Max(max, Math.Abs(a[d] - b[d]));
        return max;
    }

    private int Build(SampleMatrix points, int start, int end, double[] keys)
    {
        int node = _nodes++;
        _start[node] = start;
        _end[node] = end;
        _left[node] = -1;
        _right[node] = -1;
        int splitDim = -1;
        double widest = 0;
        for (int d = 0; d < _dims; d++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int p = start; p < end; p++)
            {
                double v = points[_rowOf[p], d];
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
            _lower[node * _dims + d] = lo;
            _upper[node * _dims + d] = hi;
            if (hi - lo > widest) (widest, splitDim) = (hi - lo, d);
        }
        // A small node, or one whose points all coincide, stays a leaf.
        if (end - start <= LeafSize || splitDim < 0) return node;

        for (int p = start; p < end; p++) keys[p] = points[_rowOf[p], splitDim];
        Array.Sort(keys, _rowOf, start, end - start);
        int mid = start + (end - start) / 2;
        int left = Build(points, start, mid, keys);
        int right = Build(points, mid, end, keys);
        _left[node] = left;
        _right[node] = right;
        return node;
    }

    /// <summary>Keeps <paramref name="best"/> sorted ascending with the k smallest distances seen.</summary>
    private void Nearest(int node, ReadOnlySpan<double> query, int excludeRow, Span<double> best)
    {
        int left = _left[node];
        if (left < 0)
        {
            for (int p = _start[node]; p < _end[node]; p++)
            {
                if (_rowOf[p] == excludeRow) continue;
                double d = Distance(query, _points.AsSpan(p * _dims, _dims));
                if (d < best[^1]) InsertSorted(best, d);
            }
            return;
        }
        int right = _right[node];
        double dl = MinDistance(left, query), dr = MinDistance(right, query);
        var (near, far, dNear, dFar) = dl <= dr ? (left, right, dl, dr) : (right, left, dr, dl);
        // A node whose box is no closer than the current k-th distance cannot lower it.
        if (dNear < best[^1]) Nearest(near, query, excludeRow, best);
        if (dFar < best[^1]) Nearest(far, query, excludeRow, best);
    }

    /// <summary>Inserts d into the ascending array, dropping its largest value.</summary>
    public static void InsertSorted(Span<double> best, double d)
    {
        int i = best.Length - 1;
        while (i > 0 && best[i - 1] > d)
        {
            best[i] = best[i - 1];
            i--;
        }
        best[i] = d;
    }

    private int CountWithin(int node, ReadOnlySpan<double> query, double radius)
    {
        if (MinDistance(node, query) >= radius) return 0;
        // Rounding of a - b is monotone in b, so a box strictly inside the ball has every point strictly inside.
        if (MaxDistance(node, query) < radius) return _end[node] - _start[node];
        int left = _left[node];
        if (left >= 0) return CountWithin(left, query, radius) + CountWithin(_right[node], query, radius);

        int count = 0;
        for (int p = _start[node]; p < _end[node]; p++)
            if (Distance(query, _points.AsSpan(p * _dims, _dims)) < radius) count++;
        return count;
    }

    /// <summary>Max-norm distance from the query to the nearest point of the node's box (0 inside it).</summary>
    private double MinDistance(int node, ReadOnlySpan<double> query)
    {
        int o = node * _dims;
        double max = 0;
        for (int d = 0; d < _dims; d++)
        {
            double q = query[d];
            double gap = Math.Max(_lower[o + d] - q, q - _upper[o + d]);
            max = Math.Max(max, gap);
        }
        return max;
    }

    /// <summary>Max-norm distance from the query to the farthest corner of the node's box.</summary>
    private double MaxDistance(int node, ReadOnlySpan<double> query)
    {
        int o = node * _dims;
        double max = 0;
        for (int d = 0; d < _dims; d++)
        {
            double q = query[d];
            max = Math.Max(max, Math.Max(Math.Abs(q - _lower[o + d]), Math.Abs(_upper[o + d] - q)));
        }
        return max;
    }
}
