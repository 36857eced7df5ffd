namespace SweepCluster.Core.Verdicts;

/// <summary>One curve's trend check before the Holm correction: a depth slope fitted on the per-seed values, the
/// direction that would violate the prediction, and the context its evidence line carries.</summary>
/// <param name="Quantity">What was regressed on depth ("gap", "b_paper_measured").</param>
/// <param name="Rise">True when a rise violates the prediction (the gap, a bound), false when a fall does (train error).</param>
/// <param name="Context">Text appended to the evidence whatever the decision ("" for none).</param>
/// <param name="OtherViolation">A violation found by another check of the same line (fails it whatever the slope), or null.</param>
internal sealed record SlopeCheck(string Curve, string Quantity, bool Rise, DepthSlope Slope, string Context, string? OtherViolation = null);

/// <summary>A curve's evidence line, or a slope check still waiting for the other curves of its prediction.</summary>
internal sealed record CurveJudgement(CurveEvidence? Evidence, SlopeCheck? Check)
{
    public static implicit operator CurveJudgement(CurveEvidence evidence) => new(evidence, null);

    public static implicit operator CurveJudgement(SlopeCheck check) => new(null, check);
}

/// <summary>Judges the trend checks of one prediction together: each is a one-sided t-test of its slope at level alpha
/// (a violation only in the wrong direction), and Holm's step-down correction runs across them, so the chance that any
/// curve of the prediction fails by seed noise alone stays at alpha. A pass prints the slope the test would have
/// detected with the thresholds' power at the Holm first-step level alpha / m: the size of violation a pass rules out.</summary>
internal static class SlopeTests
{
    public static IReadOnlyList<CurveEvidence> Resolve(IReadOnlyList<CurveJudgement> judgements, VerdictThresholds t)
    {
        var checks = judgements.Select((j, i) => (j.Check, Index: i)).Where(p => p.Check is not null).ToList();
        var m = checks.Count;
        var p = checks.ToDictionary(c => c.Index, c => c.Check!.Slope.OneSidedP(c.Check.Rise, t.RelativeTolerance));
        // Holm: the k-th smallest p (k from 0) is rejected at alpha / (m - k), until the first that is not.
        var level = new Dictionary<int, double>();
        var rejected = new HashSet<int>();
        var stopped = false;
        foreach (var (index, k) in p.OrderBy(e => e.Value).ThenBy(e => e.Key).Select((e, k) => (e.Key, k)))
        {
            level[index] = t.TrendAlpha / (m - k);
            if (!stopped && p[index] <= level[index]) rejected.Add(index);
            else stopped = true;
        }
        return judgements.Select((j, i) => j.Evidence ?? Decide(j.Check!, p[i], level[i], rejected.Contains(i), m, t)).ToList();
    }

    private static CurveEvidence Decide(SlopeCheck check, double p, double level, bool rejected, int m, VerdictThresholds t)
    {
        var way = check.Rise ? "rise" : "fall";
        var head = $"{check.Quantity} slope {check.Slope} over {check.Slope.Points} seed values, one-sided p({way}) = " +
                   $"{VerdictFormat.Number(p)} against Holm level {VerdictFormat.Number(level)} ({m} trend test(s))";
        var tail = check.Context.Length > 0 ? "; " + check.Context : "";
        if (rejected)
            return new CurveEvidence(check.Curve, Verdict.Fail, $"{head}: significant {way}{Other(check)}{tail}");
        var firstStep = t.TrendAlpha / m;
        var detectable = check.Slope.StandardError > 0
            ? $"detectable at {VerdictFormat.Number(t.TrendPower * 100)}% power (level {VerdictFormat.Number(firstStep)}): a " +
              $"{way} of {VerdictFormat.Number(check.Slope.Detectable(firstStep, t.TrendPower))} per layer"
            : "no seed spread: any " + way + " would have been detected";
        var unadjusted = p <= t.TrendAlpha ? $" (below {VerdictFormat.Number(t.TrendAlpha)} before the correction)" : "";
        var verdict = check.OtherViolation is null ? Verdict.Pass : Verdict.Fail;
        return new CurveEvidence(check.Curve, verdict, $"{head}: no significant {way}{unadjusted}; {detectable}{Other(check)}{tail}");
    }

    private static string Other(SlopeCheck check) => check.OtherViolation is { } v ? $"; {v}" : "";
}
