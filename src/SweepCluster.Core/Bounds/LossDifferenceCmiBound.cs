using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Bounds;

/// <summary>The loss-difference CMI bound of Wang and Mao (2023, "Tighter information-theoretic generalization bounds
/// from supersamples", Theorem 3.1) for the 0-1 loss: E[gen] &lt;= (1/n) sum_i sqrt(2 I(Delta_i; U_i)), Delta_i = loss on
/// member 1 of pair i minus loss on member 0, in {-1, 0, 1}. I is estimated by plug-in over the selections of one
/// supersample, as b_fcmi is.</summary>
/// <remarks>The constant: gen = (1/n) sum_i E[(-1)^(U_i) Delta_i] (the twin's loss minus the trained member's), and
/// (-1)^U Delta lies in [-1, 1] for a loss in [0, 1], so it is 1-sub-Gaussian; Donsker-Varadhan against an independent
/// coin (whose term has mean 0) gives sqrt(2 * 1^2 * I(Delta_i; U_i)) per pair, the same constant as f-CMI. Here it is
/// conditioned on the supersample (the labels are fixed), where Delta_i is a function of F_i: by data processing
/// b_ldcmi &lt;= b_fcmi, also for the plug-in values, and it carries less bias (3 outcomes against up to C^2).</remarks>
internal static class LossDifferenceCmiBound
{
    /// <summary>The bound of one supersample from its selections (at least 2, all of the same n pairs, all with labels).</summary>
    public static double Of(IReadOnlyList<CmiOutcome> selections)
    {
        FunctionalCmiBound.Check(selections);
        int n = selections[0].Selected.Length;
        if (selections.Any(s => s.Labels is not { } l || l.Length != 2 * n))
            throw new ArgumentException("The loss difference needs the labels of every selection.", nameof(selections));
        return FunctionalCmiBound.PlugIn(selections,
            (s, i) => Difference(s.Predictions[2 * i], s.Predictions[2 * i + 1], s.Labels![2 * i], s.Labels[2 * i + 1]));
    }

    /// <summary>Delta: the 0-1 loss on member 1 minus that on member 0, from their predicted and true digits.</summary>
    public static int Difference(char predicted0, char predicted1, char label0, char label1) =>
        (predicted1 != label1 ? 1 : 0) - (predicted0 != label0 ? 1 : 0);
}
