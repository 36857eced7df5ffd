namespace SweepCluster.Core.Verdicts;

/// <summary>Folds the per-curve evidence of a prediction into its verdict: one failing curve fails it; otherwise one
/// passing curve passes it (identities beside it are counted, not judged); otherwise it is "identity" when some check
/// holds by construction; otherwise "no prediction" when every curve is outside the theory's reach, and "not testable"
/// with the first reason given.</summary>
internal static class VerdictCombiner
{
    public static PredictionVerdict Combine(
        IPredictionRule rule, IReadOnlyList<CurveEvidence> evidence, IReadOnlyList<string>? findings = null,
        string whenNoEvidence = "no curve to judge")
    {
        findings ??= [];
        var fails = evidence.Where(e => e.Verdict == Verdict.Fail).ToList();
        var passes = evidence.Count(e => e.Verdict == Verdict.Pass);
        var identities = evidence.Where(e => e.Verdict == Verdict.Identity).ToList();
        var judged = fails.Count + passes;
        var unjudged = Unjudged(evidence);
        (Verdict verdict, string why) = (fails.Count, passes) switch
        {
            ( > 0, _) => (Verdict.Fail, $"{fails.Count} of {judged} judged fail ({fails[0].Curve}: {fails[0].Detail}){unjudged}"),
            (0, > 0) => (Verdict.Pass, $"{passes} of {judged} judged hold{unjudged}"),
            _ when identities.Count > 0 => (Verdict.Identity,
                $"holds by construction in {identities.Count} check(s), nothing else judged ({identities[0].Curve}: {identities[0].Detail})" +
                Unjudged(evidence, withIdentities: false)),
            _ when evidence.Count == 0 => (Verdict.NotTestable, whenNoEvidence),
            _ when evidence.All(e => e.Verdict == Verdict.NoPrediction) => (Verdict.NoPrediction, evidence[0].Detail),
            _ => (Verdict.NotTestable, evidence.First(e => e.Verdict == Verdict.NotTestable).Detail),
        };
        return new PredictionVerdict(rule.Prediction, verdict, why, rule.Rule, evidence, findings);
    }

    /// <summary>"; 1 identity, 2 no prediction, 1 not testable" for the curves left out of a pass or fail, or "" when none.</summary>
    private static string Unjudged(IReadOnlyList<CurveEvidence> evidence, bool withIdentities = true)
    {
        var parts = new List<string>();
        var identities = evidence.Count(e => e.Verdict == Verdict.Identity);
        var silent = evidence.Count(e => e.Verdict == Verdict.NoPrediction);
        var untestable = evidence.Count(e => e.Verdict == Verdict.NotTestable);
        if (withIdentities && identities > 0) parts.Add($"{identities} {VerdictWords.Of(Verdict.Identity)}");
        if (silent > 0) parts.Add($"{silent} {VerdictWords.Of(Verdict.NoPrediction)}");
        if (untestable > 0) parts.Add($"{untestable} {VerdictWords.Of(Verdict.NotTestable)}");
        return parts.Count == 0 ? "" : "; " + string.Join(", ", parts);
    }
}
