using SweepCluster.Core.Data;

namespace SweepCluster.Core.Information;

/// <summary>Binning for deterministic layers (s = 0): a CLUSTERING MEASURE, not mutual information.</summary>
/// <remarks>
/// For a deterministic injective T, I(X;T) is log N (or infinite for continuous X) whatever the network does; what
/// binning reports is how many equal-width cells the N evaluation points fall into, which depends on the bin width
/// as much as on the network. Each column is cut into equal bins, each row's tuple of bin indices is one symbol,
/// and with X uniform over the rows "I(X;T)" = H(symbols) and "I(Y;T)" = the plug-in I(labels; symbols).
/// Report it labelled as clustering (docs/SCIENCE.md section 5.4).
/// </remarks>
public static class BinningEstimator
{
    /// <summary>Default bin count, the usual choice for tanh layers on [-1, 1].</summary>
    public const int DefaultBins = 30;

    /// <summary>One symbol per row: the row's tuple of bin indices, each column cut into <paramref name="bins"/>
    /// equal bins on [lo, hi] (values outside fall in the edge bins), numbered in order of first appearance.</summary>
    public static int[] Symbols(SampleMatrix t, int bins = DefaultBins, double lo = -1.0, double hi = 1.0)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || !(hi > lo))
            throw new ArgumentOutOfRangeException(nameof(hi), $"The bin range [{lo}, {hi}] must be finite with hi > lo.");

        double scale = bins / (hi - lo);
        var ids = new Dictionary<int[], int>(new TupleComparer());
        var symbols = new int[t.Rows];
        for (int r = 0; r < t.Rows; r++)
        {
            ReadOnlySpan<double> row = t.ReadRow(r);
            var tuple = new int[t.Columns];
            for (int c = 0; c < tuple.Length; c++)
            {
                if (double.IsNaN(row[c])) throw new ArgumentException($"Row {r}, column {c} is NaN.", nameof(t));
                // Clamp in double before the cast: an infinite or huge value would overflow int.
                tuple[c] = (int)Math.Clamp(Math.Floor((row[c] - lo) * scale), 0, bins - 1);
            }
            if (!ids.TryGetValue(tuple, out int id)) ids[tuple] = id = ids.Count;
            symbols[r] = id;
        }
        return symbols;
    }

    /// <summary><see cref="Symbols"/> on the data's own range [min, max] over all entries, for unbounded
    /// activations (relu): one range for all columns, so every unit gets the same bin width.</summary>
    public static int[] SymbolsOverDataRange(SampleMatrix t, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(t);
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in t.Data)
        {
            if (!double.IsFinite(v)) throw new ArgumentException("The activations contain NaN or infinity.", nameof(t));
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        if (t.Data.Length == 0) (lo, hi) = (0.0, 1.0);
        // All values equal: any non-empty range puts them in one bin, which is the right answer.
        if (!(hi > lo)) hi = lo + 1.0;
        return Symbols(t, bins, lo, hi);
    }

    /// <summary>Both binning measures on [lo, hi]; <paramref name="labels"/> holds one label per row.</summary>
    public static BinnedInformation Estimate(
        SampleMatrix t, ReadOnlySpan<int> labels, int bins = DefaultBins, double lo = -1.0, double hi = 1.0) =>
        FromSymbols(Symbols(t, bins, lo, hi), labels);

    private static BinnedInformation FromSymbols(int[] symbols, ReadOnlySpan<int> labels)
    {
        if (labels.Length != symbols.Length)
            throw new ArgumentException($"Got {labels.Length} labels for {symbols.Length} rows.", nameof(labels));
        int distinct = symbols.Length == 0 ? 0 : symbols.Max() + 1;
        return new BinnedInformation(
            DiscreteInformation.Entropy(symbols), DiscreteInformation.MutualInformation(labels, symbols), distinct);
    }

    /// <summary>Structural equality of bin-index tuples.</summary>
    private sealed class TupleComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? a, int[]? b) => a.AsSpan().SequenceEqual(b);

        public int GetHashCode(int[] tuple)
        {
            var hash = new HashCode();
            foreach (int v in tuple) hash.Add(v);
            return hash.ToHashCode();
        }
    }
}
