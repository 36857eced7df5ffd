using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>Judges P1-P7 of docs/SCIENCE.md section 8 from a sweep's curve rows. Pure: the same rows give the same report.</summary>
/// <remarks>Before any rule runs, a sweep with fewer than two depths or with at most one seed per point is declared not
/// testable for every prediction, so no verdict of pass ever rests on a single depth or a single seed.</remarks>
public static class VerdictEngine
{
    /// <summary>The rules, in prediction order.</summary>
    public static readonly IReadOnlyList<IPredictionRule> Rules =
    [
        new BoundShapeRule(), new DataProcessingRule(), new GapDepthRule(), new TrainErrorDepthRule(),
        new ValidityRule(), new NoiseWidthRule(), new LabelNoiseRule(),
    ];

    public static VerdictReport Judge(IReadOnlyList<CurveRow> rows, VerdictThresholds? thresholds = null)
    {
        thresholds ??= new VerdictThresholds();
        var guard = Guard(rows, thresholds);
        if (guard is not null)
            return new VerdictReport(
                Rules.Select(r => new PredictionVerdict(r.Prediction, Verdict.NotTestable, guard, r.Rule, [], [])).ToList(),
                thresholds);
        var curves = new CurveSet(rows, thresholds);
        return new VerdictReport(Rules.Select(r => r.Judge(curves)).ToList(), thresholds);
    }

    /// <summary>Why nothing can be judged, or null when something can.</summary>
    private static string? Guard(IReadOnlyList<CurveRow> rows, VerdictThresholds t)
    {
        if (rows.Count == 0) return "no trial has ended";
        var depths = rows.Select(r => r.Depth).Distinct().Count();
        if (depths < t.MinDepths) return $"depth has {depths} value(s); a verdict needs {t.MinDepths}";
        var seeds = rows.Max(r => r.NSeeds);
        if (seeds < t.MinSeeds) return $"every point has {seeds} seed(s); a verdict needs {t.MinSeeds}";
        return null;
    }
}
