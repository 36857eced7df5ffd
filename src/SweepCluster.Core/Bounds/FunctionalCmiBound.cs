using SweepCluster.Core.Information;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Bounds;

/// <summary>The f-CMI bound of Harutyunyan, Raginsky, Ver Steeg and Galstyan (2021) for a loss in [0, 1], here the
/// 0-1 loss: E[gen] &lt;= (1/n) sum_i sqrt(2 I(F_i; U_i | Z~)), F_i the pair of predictions on pair i's two examples and
/// U_i the coin that chose which was trained on. I is estimated by plug-in over the selections of one supersample.</summary>
/// <remarks>It assumes nothing about the noise, clipping or optimizer: it holds in expectation for any learner. The
/// plug-in MI from k selections is biased upward where F hardly depends on U (by about (|F| - 1)/(2k) nats per pair),
/// which loosens the estimate; with very few selections it can also miss a dependence (a pair whose coin came up the
/// same every time shows none). <see cref="CmiBoundEstimates"/> puts it beside its permutation null and its corrected
/// values, which say how much of it is that bias.</remarks>
internal static class FunctionalCmiBound
{
    /// <summary>The bound of one supersample from its selections (at least 2, all of the same n pairs).</summary>
    public static double Of(IReadOnlyList<CmiOutcome> selections)
    {
        Check(selections);
        return PlugIn(selections, (s, i) => CmiOutcome.Label(s.Predictions[2 * i]) * 64 + CmiOutcome.Label(s.Predictions[2 * i + 1]));
    }

    /// <summary>(1/n) sum_i sqrt(2 I(X_i; U_i)) by plug-in over the selections, X_i = <paramref name="symbol"/>(selection,
    /// pair i): the plain computation of every CMI bound here, which <see cref="CmiBoundEstimates"/>' faster one is checked
    /// against.</summary>
    internal static double PlugIn(IReadOnlyList<CmiOutcome> selections, Func<CmiOutcome, int, int> symbol)
    {
        int n = selections[0].Selected.Length;
        var x = new int[selections.Count];
        var u = new int[selections.Count];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < selections.Count; k++)
            {
                x[k] = symbol(selections[k], i);
                u[k] = selections[k].Selected[i] - '0';
            }
            sum += Math.Sqrt(2 * DiscreteInformation.MutualInformation(x, u));
        }
        return n == 0 ? 0 : sum / n;
    }

    /// <summary>Refuses fewer than two selections, or selections of different pairs.</summary>
    internal static void Check(IReadOnlyList<CmiOutcome> selections)
    {
        if (selections.Count < 2)
            throw new ArgumentException("The plug-in estimate needs at least two selections of a supersample.", nameof(selections));
        int n = selections[0].Selected.Length;
        if (selections.Any(s => s.Selected.Length != n || s.Predictions.Length != 2 * n))
            throw new ArgumentException("Every selection of a supersample must cover the same pairs.", nameof(selections));
    }
}
