namespace SweepCluster.Core.Information;

/// <summary>Plug-in (maximum-likelihood) entropy and mutual information of discrete symbol sequences, in nats.</summary>
/// <remarks>Symbols are arbitrary ints; the empirical distribution of the given samples is taken as the truth,
/// so the plug-in MI is biased upward by about (|A| - 1)(|B| - 1) / (2 n) for small samples.</remarks>
public static class DiscreteInformation
{
    /// <summary>H(a) = -sum_s p_s ln p_s of the empirical distribution of <paramref name="a"/>; 0 when empty.</summary>
    public static double Entropy(ReadOnlySpan<int> a)
    {
        var counts = new Dictionary<int, int>();
        foreach (int s in a) counts[s] = counts.GetValueOrDefault(s) + 1;
        return EntropyOfCounts(counts.Values, a.Length);
    }

    /// <summary>I(a;b) = H(a) + H(b) - H(a,b) of the empirical joint distribution; a and b are paired by index.</summary>
    public static double MutualInformation(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"The sequences must be paired: {a.Length} and {b.Length} symbols.", nameof(b));
        var joint = new Dictionary<(int, int), int>();
        for (int i = 0; i < a.Length; i++) joint[(a[i], b[i])] = joint.GetValueOrDefault((a[i], b[i])) + 1;
        double mi = Entropy(a) + Entropy(b) - EntropyOfCounts(joint.Values, a.Length);
        // Mathematically >= 0; only rounding can push it below.
        return Math.Max(0.0, mi);
    }

    /// <summary>(m_ab - m_a - m_b + 1)/(2n): what Miller-Madow takes off a plug-in MI of n samples, m the symbols
    /// observed: each of the three plug-in entropies gets its first-order bias (m - 1)/(2n) back. When every (a, b)
    /// combination is observed (m_ab = m_a m_b) it is the familiar (m_a - 1)(m_b - 1)/(2n); where a determines b it is
    /// smaller, and can be negative.</summary>
    public static double MillerMadowCorrection(int jointSymbols, int aSymbols, int bSymbols, int n) =>
        (jointSymbols - aSymbols - bSymbols + 1) / (2.0 * n);

    /// <summary>H = ln n - (1/n) sum_c c ln c, the form that needs no per-symbol division.</summary>
    private static double EntropyOfCounts(IEnumerable<int> counts, int n)
    {
        if (n == 0) return 0.0;
        // Sorted so the sum, and hence every bit of the result, does not depend on dictionary order.
        double sum = 0;
        foreach (int c in counts.Order()) sum += c * Math.Log(c);
        return Math.Max(0.0, Math.Log(n) - sum / n);
    }
}
