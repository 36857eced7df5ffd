using SweepCluster.Core.Information;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Bounds;

/// <summary>The CMI bounds of one supersample from its k selections, each with the numbers that say how much of it is
/// plug-in bias: b_fcmi (<see cref="FunctionalCmiBound"/>) and b_ldcmi (<see cref="LossDifferenceCmiBound"/>), each as
/// the plug-in value, its permutation null (mean and 95% quantile), the null-corrected value and the Miller-Madow value.
/// All are estimates from finitely many selections, never certified bounds.</summary>
/// <remarks>
/// The null: the same trainings with the coins permuted across selections (selection s is paired with the coins of
/// selection pi(s), one permutation for every pair of the supersample). That keeps each pair's marginal of F_i and of
/// U_i and breaks their dependence, so the true CMI is zero and the plug-in value is pure bias; as the coins are
/// exchangeable, the bound without dependence has exactly the null's distribution.
/// <para>The corrected value subtracts, per pair, the null's mean plug-in MI from the plug-in MI (clamped at 0 before the
/// square root). That is the expected plug-in MI under independence given the pair's observed marginals, computed
/// rather than approximated: Miller-Madow's (m - 1)/(2k) terms are the first order of that expectation and are poor
/// where cells hold few counts (tens of selections spread over up to C^2 prediction patterns). Miller-Madow is kept
/// beside it. Both stay estimates and neither is 0 without dependence: each pair's MI keeps its noise (of the order of
/// its bias), and the clamp and the square root turn its positive half into a positive bound (about a third of the
/// plug-in value for predictions blind to the coins). Whether a bound says anything is therefore read against the
/// null's quantile, not against 0.</para>
/// </remarks>
internal sealed record CmiBoundEstimates
{
    /// <summary>Coin permutations per supersample behind the null.</summary>
    public const int Permutations = 20;

    /// <summary>k: the selections the estimates come from.</summary>
    public required int Selections { get; init; }
    /// <summary>Mean over pairs of the Miller-Madow correction of the plug-in I(F_i; U_i), in nats: about (|F| - 1)/(2k),
    /// the upward bias k selections leave in a pair's plug-in MI.</summary>
    public required double FcmiBias { get; init; }
    public required CmiBoundEstimate Fcmi { get; init; }
    /// <summary>Null when the selections do not record labels.</summary>
    public CmiBoundEstimate? Ldcmi { get; init; }

    /// <summary>The estimates of one supersample from its selections in selection order (at least 2, all of the same n
    /// pairs); <paramref name="seed"/> fixes the permutations, so equal inputs give equal bits.</summary>
    public static CmiBoundEstimates Of(IReadOnlyList<CmiOutcome> selections, int seed)
    {
        FunctionalCmiBound.Check(selections);
        int k = selections.Count, n = selections[0].Selected.Length;
        var coins = new int[n][];
        var predictions = new int[n][];
        int[][]? differences = selections.All(s => s.Labels is { } l && l.Length == 2 * n) ? new int[n][] : null;
        for (int i = 0; i < n; i++)
        {
            coins[i] = new int[k];
            predictions[i] = new int[k];
            if (differences is not null) differences[i] = new int[k];
            for (int s = 0; s < k; s++)
            {
                var o = selections[s];
                coins[i][s] = o.Selected[i] - '0';
                char a = o.Predictions[2 * i], b = o.Predictions[2 * i + 1];
                predictions[i][s] = CmiOutcome.Label(a) * 36 + CmiOutcome.Label(b);
                if (differences is not null)
                    differences[i][s] = LossDifferenceCmiBound.Difference(a, b, o.Labels![2 * i], o.Labels[2 * i + 1]) + 1;
            }
        }
        var permutations = Permute(k, seed);
        var fcmi = Estimate(predictions, coins, permutations, out double bias);
        return new CmiBoundEstimates
        {
            Selections = k,
            FcmiBias = bias,
            Fcmi = fcmi,
            Ldcmi = differences is null ? null : Estimate(differences, coins, permutations, out _),
        };
    }

    /// <summary><see cref="Permutations"/> uniform permutations of the k selections (Fisher-Yates).</summary>
    private static int[][] Permute(int k, int seed)
    {
        var random = new Random(seed);
        var result = new int[Permutations][];
        for (int p = 0; p < Permutations; p++)
        {
            var order = Enumerable.Range(0, k).ToArray();
            for (int j = k - 1; j > 0; j--)
            {
                int r = random.Next(j + 1);
                (order[j], order[r]) = (order[r], order[j]);
            }
            result[p] = order;
        }
        return result;
    }

    /// <summary>(1/n) sum_i sqrt(2 I(X_i; U_i)) four ways for symbols X (one row of k per pair) and coins U.</summary>
    private static CmiBoundEstimate Estimate(int[][] symbols, int[][] coins, int[][] permutations, out double meanCorrection)
    {
        int n = symbols.Length, k = n == 0 ? 0 : symbols[0].Length;
        var cLnC = new double[k + 1];
        for (int c = 1; c <= k; c++) cLnC[c] = c * Math.Log(c);
        double lnK = Math.Log(Math.Max(k, 1));
        double plugIn = 0, corrected = 0, millerMadow = 0, correction = 0;
        var nulls = new double[permutations.Length];
        var ids = new int[k];
        var count = new int[k];
        var ones = new int[k];
        var seen = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            // Dense symbol ids in order of first appearance, so the joint table is (symbols seen) x 2.
            seen.Clear();
            int[] row = symbols[i], coin = coins[i];
            for (int s = 0; s < k; s++)
            {
                if (!seen.TryGetValue(row[s], out int id)) seen[row[s]] = id = seen.Count;
                ids[s] = id;
            }
            int m = seen.Count, heads = 0;
            Array.Clear(count, 0, m);
            for (int s = 0; s < k; s++) { count[ids[s]]++; heads += coin[s]; }
            double marginals = cLnC[heads] + cLnC[k - heads];
            for (int x = 0; x < m; x++) marginals += cLnC[count[x]];

            double information = PlugIn(ids, coin, null, count, ones, m, k, marginals, lnK, cLnC, out int cells);
            plugIn += Math.Sqrt(2 * information);
            int coinSymbols = (heads > 0 ? 1 : 0) + (heads < k ? 1 : 0);
            double mm = DiscreteInformation.MillerMadowCorrection(cells, m, coinSymbols, k);
            correction += mm;
            millerMadow += Math.Sqrt(2 * Math.Max(0.0, information - mm));
            double nullSum = 0;
            for (int p = 0; p < permutations.Length; p++)
            {
                double permuted = PlugIn(ids, coin, permutations[p], count, ones, m, k, marginals, lnK, cLnC, out _);
                nullSum += permuted;
                nulls[p] += Math.Sqrt(2 * permuted);
            }
            corrected += Math.Sqrt(2 * Math.Max(0.0, information - nullSum / permutations.Length));
        }
        meanCorrection = n == 0 ? 0 : correction / n;
        if (n == 0) return new CmiBoundEstimate(0, 0, 0, 0, 0);
        var bounds = nulls.Select(v => v / n).Order().ToArray();
        return new CmiBoundEstimate(plugIn / n, bounds.Sum() / bounds.Length, Quantile95(bounds), corrected / n, millerMadow / n);
    }

    /// <summary>The plug-in I(X; U) of one pair, selection s's symbol paired with the coin of selection order[s]:
    /// I = H(X) + H(U) - H(X, U), H = ln k - (1/k) sum c ln c, the marginals' sum of c ln c given. As U is binary,
    /// the joint table is each symbol's count of heads (<paramref name="ones"/>) and the rest.</summary>
    private static double PlugIn(int[] ids, int[] coin, int[]? order, int[] count, int[] ones, int m, int k,
        double marginals, double lnK, double[] cLnC, out int cells)
    {
        Array.Clear(ones, 0, m);
        if (order is null) for (int s = 0; s < k; s++) ones[ids[s]] += coin[s];
        else for (int s = 0; s < k; s++) ones[ids[s]] += coin[order[s]];
        double sum = 0;
        cells = 0;
        for (int x = 0; x < m; x++)
        {
            int heads = ones[x], tails = count[x] - heads;
            sum += cLnC[heads] + cLnC[tails];
            cells += (heads > 0 ? 1 : 0) + (tails > 0 ? 1 : 0);
        }
        // The terms cancel exactly when X and U are independent in the counts, but not in floating point, and the
        // square root would lift a rounding error of 1e-16 to 1e-8; a nonzero plug-in MI of k <= 1000 counts is far
        // above 1e-12.
        double information = (sum - marginals) / k + lnK;
        return information > 1e-12 ? information : 0.0;
    }

    /// <summary>The 95% quantile of sorted values as the ceil(0.95 P)-th smallest (the 19th of 20).</summary>
    private static double Quantile95(double[] sorted) => sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1];
}

/// <summary>One CMI bound of a supersample: the plug-in value, the mean and 95% quantile of its permutation null, the
/// value with the null's mean per-pair MI subtracted, and the value with Miller-Madow's correction subtracted.</summary>
internal sealed record CmiBoundEstimate(double PlugIn, double NullMean, double NullQ95, double Corrected, double MillerMadow);
