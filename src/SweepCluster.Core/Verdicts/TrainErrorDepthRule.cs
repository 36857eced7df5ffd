using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Verdicts;

/// <summary>P4: once I(Y;T_L) falls with depth the training error does not fall; the depth of least test error is
/// reported per curve, with whether more noise or narrower layers move it shallower.</summary>
internal sealed class TrainErrorDepthRule : IPredictionRule
{
    public Prediction Prediction => Prediction.TrainErrorVersusDepth;

    public string Rule =>
        "Per curve with analytic eta product < 1, from the first depth step L -> L+1 where the last layer's mean I(Y;T) " +
        "falls (layer{L+1}_i_y_t at depth L+1 below layer{L}_i_y_t at depth L) to the deepest depth: least-squares slope " +
        "of the per-seed train error values against depth, one-sided t-test for a fall, Holm across the curves of P4 at " +
        "the trend alpha; a significant fall fails, a pass prints the slope detectable at the trend power. No step with " +
        "I(Y;T_L) falling: no prediction. The depth of least mean test error is reported per curve, and across act_noise " +
        "and width as findings (not judged).";

    public PredictionVerdict Judge(CurveSet curves)
    {
        var judgements = curves.Curves.Select(c => Judge(c, curves)).ToList();
        return VerdictCombiner.Combine(this, SlopeTests.Resolve(judgements, curves.Thresholds), Findings(curves));
    }

    private static CurveJudgement Judge(SweepCurve curve, CurveSet curves)
    {
        var t = curves.Thresholds;
        var best = BestDepth(curve.Rows);
        var bestText = best is { } b ? $"least test error at depth {b}" : "test error undefined";
        if (!curves.IsLossy(curve))
            return new CurveEvidence(curve.Label, Verdict.NoPrediction, $"eta = 1: no strict information loss; {bestText}");
        if (!DepthRows.TryTake(curve, CurveQuantities.TrainError, "train error", t, out var rows, out var notTestable)) return notTestable;
        var firstFall = Enumerable.Range(1, rows.Count - 1).FirstOrDefault(i =>
            rows[i - 1].Mean(LayerQuantities.Name(rows[i - 1].Depth, LayerQuantity.IYT)) is { } before
            && rows[i].Mean(LayerQuantities.Name(rows[i].Depth, LayerQuantity.IYT)) is { } after && after < before);
        if (firstFall == 0)
            return new CurveEvidence(curve.Label, Verdict.NoPrediction,
                $"I(Y;T_L) never falls from one depth to the next: no prediction; {bestText}");
        var judged = rows.Skip(firstFall - 1).ToList();
        if (DepthRows.Slope(judged, CurveQuantities.TrainError, t) is not { } slope)
            return new CurveEvidence(curve.Label, Verdict.NotTestable, $"train error slope not fitted (fewer than 3 seed values); {bestText}");
        return new SlopeCheck(curve.Label, CurveQuantities.TrainError, Rise: false, slope,
            $"depths {judged[0].Depth}-{judged[^1].Depth} (I(Y;T_L) first falls at depth {rows[firstFall].Depth}); {bestText}");
    }

    private static int? BestDepth(IReadOnlyList<CurveRow> rows) =>
        rows.Where(r => r.Mean(CurveQuantities.TestError) is not null)
            .OrderBy(r => r.Mean(CurveQuantities.TestError)).ThenBy(r => r.Depth)
            .Select(r => (int?)r.Depth).FirstOrDefault();

    /// <summary>Where the least test error sits as act_noise grows, and as width shrinks, for each curve family.</summary>
    private static IReadOnlyList<string> Findings(CurveSet curves)
    {
        var findings = new List<string>();
        findings.AddRange(Movement(curves, AxisNames.ActNoise, k => k.ActNoise, k => k with { ActNoise = 0 }, "more act_noise"));
        findings.AddRange(Movement(curves, AxisNames.Width, k => -k.Width, k => k with { Width = 0 }, "narrower width"));
        return findings;
    }

    /// <summary>One finding per family of curves that differ only in one setting, ordered in the direction the paper
    /// says should move the least test error shallower.</summary>
    private static IEnumerable<string> Movement(
        CurveSet curves, string axisName, Func<CurveKey, double> order, Func<CurveKey, CurveKey> withAxisFixed, string direction)
    {
        foreach (var family in curves.Curves.GroupBy(c => withAxisFixed(c.Key)).OrderBy(g => g.Key))
        {
            var members = family.OrderBy(c => order(c.Key)).ToList();
            if (members.Count < 2) continue;
            var depths = members.Select(c => (Curve: c, Best: BestDepth(c.Rows))).Where(p => p.Best is not null).ToList();
            if (depths.Count < 2) continue;
            var sequence = string.Join(" -> ", depths.Select(p => $"{axisName}={AxisValue(p.Curve.Key, axisName)}: L={p.Best}"));
            var shallower = depths.Zip(depths.Skip(1)).All(p => p.Second.Best <= p.First.Best);
            yield return $"least test error ({curves.Labels.Of(family.Key, axisName)}): {sequence}; with {direction} it " +
                         (shallower ? "stays or moves shallower" : "moves deeper somewhere");
        }
    }

    private static string AxisValue(CurveKey key, string axisName) =>
        key.Cells()[CurveKey.ColumnNames.ToList().IndexOf(axisName)];
}
