using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>P5: the empirical gap stays below every bound whose assumptions hold (a certified bound). B_paper below the
/// gap is a finding about the paper's assumptions, not a failure. The CMI bounds are estimated from finitely many
/// selections, never certified: they are reported apart, each beside its permutation null, and judge nothing.</summary>
internal sealed class ValidityRule : IPredictionRule
{
    public Prediction Prediction => Prediction.Validity;

    public string Rule =>
        "Certified bounds (judged): at every depth with a seed interval of the gap, every bound certified at every seed " +
        "(b_xr_out and b_ismi in frozen_features) must have its mean at or above the gap's upper interval edge; any " +
        "violation fails, and no certified bound defined is not testable. b_paper (never certified) below the gap's mean " +
        "is a finding. CMI bounds (estimated, not judged): b_fcmi and b_ldcmi are plug-in estimates over the k selections " +
        "of each supersample, biased upward by about (|F| - 1)/(2k) nats per pair; at each depth b_fcmi is distinguishable " +
        $"from its null when its mean over supersamples lies above the mean of its null's 95% quantile ({CmiPermutations} " +
        "coin permutations), and each bound is shown beside its null, its corrected values and the train-vs-twin gap of " +
        "the same runs.";

    private const int CmiPermutations = Bounds.CmiBoundEstimates.Permutations;

    public PredictionVerdict Judge(CurveSet curves)
    {
        var findings = new List<string>();
        var evidence = curves.Curves.Select(c => Judge(c, curves.Thresholds, findings)).ToList();
        var points = curves.Curves.SelectMany(c => c.Rows.Select(r => CmiEstimatePoint.Of(c.Label, r)))
            .OfType<CmiEstimatePoint>().ToList();
        return VerdictCombiner.Combine(this, evidence, findings) with { CmiPoints = points };
    }

    private static CurveEvidence Judge(SweepCurve curve, VerdictThresholds t, List<string> findings)
    {
        int checks = 0;
        var violations = new List<string>();
        (string Bound, int Depth, double Margin)? tightest = null;
        foreach (var row in curve.WithInterval(CurveQuantities.Gap, t.MinSeeds))
        {
            var gapHigh = row.Get(CurveQuantities.Gap).CiHigh!.Value;
            foreach (var bound in CurveQuantities.Bounds)
            {
                if (row.Mean(CurveQuantities.CertifiedName(bound)) != 1.0 || row.Mean(bound) is not { } value) continue;
                checks++;
                var margin = value - gapHigh;
                if (tightest is null || margin < tightest.Value.Margin) tightest = (bound, row.Depth, margin);
                if (t.Exceeds(gapHigh, value))
                    violations.Add($"{bound} {VerdictFormat.Number(value)} < gap {VerdictFormat.Number(gapHigh)} at depth {row.Depth}");
            }
            if (row.Mean(CurveQuantities.BPaper) is { } paper && row.Mean(CurveQuantities.Gap) is { } gap && paper < gap)
                findings.Add($"{curve.Label}, depth {row.Depth}: b_paper {VerdictFormat.Number(paper)} is below the mean gap " +
                             $"{VerdictFormat.Number(gap)}: the paper's assumptions do not hold as stated there");
        }
        var cmi = curve.Rows.Select(r => CmiEstimatePoint.Of(curve.Label, r)).OfType<CmiEstimatePoint>().ToList();
        if (cmi.Count > 0)
        {
            var distinct = cmi.Where(p => p.Distinguishable).Select(p => p.Depth).ToList();
            string Below(Func<CmiEstimatePoint, double> value, string what) =>
                cmi.Where(p => p.GapHigh is { } high && value(p) < high).Select(p => p.Depth).ToList() is { Count: > 0 } depths
                    ? $"; {what} is below the gap's upper edge at depth {string.Join(", ", depths)}"
                    : "";
            findings.Add($"{curve.Label}: b_fcmi (estimated) is distinguishable from its null at {distinct.Count} of {cmi.Count} depths" +
                         (distinct.Count == 0 ? "" : $" ({string.Join(", ", distinct)})") +
                         Below(p => p.Fcmi.Value, "its plug-in value") + Below(p => p.Fcmi.Corrected, "its corrected value"));
        }
        if (checks == 0)
            return new CurveEvidence(curve.Label, Verdict.NotTestable,
                $"no certified bound beside a {t.MinSeeds}-seed gap interval (bounds are certified in frozen_features; CMI bounds are estimates)");
        var (name, depth, least) = tightest!.Value;
        var detail = $"{checks} certified bound values against the gap's upper edge, {violations.Count} below it" +
                     (violations.Count > 0 ? $" ({string.Join("; ", violations)})" : "") +
                     $"; tightest {name} at depth {depth}, margin {VerdictFormat.Number(least)}";
        return new CurveEvidence(curve.Label, violations.Count == 0 ? Verdict.Pass : Verdict.Fail, detail);
    }
}
