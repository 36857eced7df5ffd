namespace SweepCluster.Core.Verdicts;

/// <summary>The verdict on one prediction: the overall word, why in one line, the rule applied, the evidence per curve,
/// and findings that inform without deciding (e.g. B_paper below the gap, the depth of minimal test error).</summary>
public sealed record PredictionVerdict(
    Prediction Prediction,
    Verdict Verdict,
    string Why,
    string Rule,
    IReadOnlyList<CurveEvidence> Evidence,
    IReadOnlyList<string> Findings)
{
    /// <summary>P5: the CMI bounds per (curve, depth) beside their nulls, reported apart from the verdict.</summary>
    public IReadOnlyList<CmiEstimatePoint> CmiPoints { get; init; } = [];
}

/// <summary>The verdicts on P1-P7, in order, and the thresholds they were judged by.</summary>
public sealed record VerdictReport(IReadOnlyList<PredictionVerdict> Predictions, VerdictThresholds Thresholds);
