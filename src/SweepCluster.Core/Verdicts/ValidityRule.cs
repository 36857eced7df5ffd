using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>P5: the empirical gap stays below every bound whose assumptions hold (a certified bound). B_paper below the
/// gap is a finding about the paper's assumptions, not a failure.</summary>
public sealed class ValidityRule : IPredictionRule
{
    public Prediction Prediction => Prediction.Validity;

    public string Rule =>
        "At every depth with a seed interval of the gap, every bound certified at every seed (b_xr_out and b_ismi in " +
        "frozen_features) must have its mean at or above the gap's upper interval edge; in a CMI sweep b_fcmi (certified " +
        "in expectation for any learner) must be at or above the upper edge of the train-vs-twin gap of the same runs. " +
        "Any violation fails. b_paper (never certified) below the gap's mean is reported as a finding, and so are the " +
        "depths where b_fcmi is non-vacuous (below 1). No certified bound defined: not testable.";

    public PredictionVerdict Judge(CurveSet curves)
    {
        var findings = new List<string>();
        var evidence = curves.Curves.Select(c => Judge(c, curves.Thresholds, findings)).ToList();
        return VerdictCombiner.Combine(this, evidence, findings);
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
            if (row.Mean(CurveQuantities.BFcmi) is { } fcmi && row.Find(CurveQuantities.FcmiGap) is { CiHigh: { } twinGapHigh })
            {
                checks++;
                var margin = fcmi - twinGapHigh;
                if (tightest is null || margin < tightest.Value.Margin) tightest = (CurveQuantities.BFcmi, row.Depth, margin);
                if (t.Exceeds(twinGapHigh, fcmi))
                    violations.Add($"{CurveQuantities.BFcmi} {VerdictFormat.Number(fcmi)} < fcmi_gap {VerdictFormat.Number(twinGapHigh)} at depth {row.Depth}");
            }
            if (row.Mean(CurveQuantities.BPaper) is { } paper && row.Mean(CurveQuantities.Gap) is { } gap && paper < gap)
                findings.Add($"{curve.Label}, depth {row.Depth}: b_paper {VerdictFormat.Number(paper)} is below the mean gap " +
                             $"{VerdictFormat.Number(gap)}: the paper's assumptions do not hold as stated there");
        }
        var fcmiRows = curve.Rows.Where(r => r.Mean(CurveQuantities.BFcmi) is not null).ToList();
        if (fcmiRows.Count > 0)
        {
            var nonVacuous = fcmiRows.Where(r => r.Mean(CurveQuantities.BFcmi) < 1).Select(r => r.Depth).ToList();
            findings.Add($"{curve.Label}: b_fcmi is non-vacuous (below 1) at {nonVacuous.Count} of {fcmiRows.Count} depths" +
                         (nonVacuous.Count == 0 ? "" : $" ({string.Join(", ", nonVacuous)})"));
        }
        if (checks == 0)
            return new CurveEvidence(curve.Label, Verdict.NotTestable,
                $"no certified bound beside a {t.MinSeeds}-seed gap interval (bounds are certified in frozen_features)");
        var (name, depth, least) = tightest!.Value;
        var detail = $"{checks} certified bound values against the gap's upper edge, {violations.Count} below it" +
                     (violations.Count > 0 ? $" ({string.Join("; ", violations)})" : "") +
                     $"; tightest {name} at depth {depth}, margin {VerdictFormat.Number(least)}";
        return new CurveEvidence(curve.Label, violations.Count == 0 ? Verdict.Pass : Verdict.Fail, detail);
    }
}
