namespace SweepCluster.Core.Verdicts;

/// <summary>What the sweep says about one prediction, or about one curve's part in it.</summary>
public enum Verdict
{
    Pass,
    Fail,
    /// <summary>Holds by construction: the checked quantity is computed from the settings alone (e.g. from the analytic
    /// eta, one value across seeds), so the check tests the code, never the network. Never reported as a pass.</summary>
    Identity,
    /// <summary>The theory predicts nothing here (e.g. the gap at act_noise 0).</summary>
    NoPrediction,
    /// <summary>The sweep cannot decide (one depth, one seed, an axis with one value, a quantity undefined).</summary>
    NotTestable,
}

/// <summary>The words report.md and the console use for a <see cref="Verdict"/>.</summary>
public static class VerdictWords
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.Identity => "identity",
        Verdict.NoPrediction => "no prediction",
        Verdict.NotTestable => "not testable",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "No such verdict."),
    };
}
