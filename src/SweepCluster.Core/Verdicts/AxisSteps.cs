using SweepCluster.Core.Results;

namespace SweepCluster.Core.Verdicts;

/// <summary>What the rules over one axis (act_noise, width, label_noise) share: rows that differ only in that axis,
/// compared step by step in increasing value at every depth, one evidence line per family of fixed settings.</summary>
internal static class AxisSteps
{
    /// <param name="intervalQuantity">Every compared row needs a seed interval of this quantity.</param>
    /// <param name="compare">The violations one step (earlier row, later row) shows, each a short phrase.</param>
    /// <param name="counted">Optional: steps that are counted and reported but are no violation (name, test).</param>
    /// <param name="identityQuantity">Optional: the one quantity <paramref name="compare"/> reads. When every compared
    /// row holds one value of it across seeds, the family's check holds by construction: identity, not pass.</param>
    /// <param name="subject">Optional: what the line judges, appended to its label when a rule judges several
    /// quantities per family ("label_noise varies (width=4): b_xr_out").</param>
    public static IEnumerable<CurveEvidence> Judge(CurveSet curves, string axis, IReadOnlyList<AxisGroup> groups, string intervalQuantity,
        Func<CurveRow, CurveRow, IReadOnlyList<string>> compare, (string Name, Func<CurveRow, CurveRow, bool> Test)? counted = null,
        string? identityQuantity = null, string? subject = null)
    {
        var t = curves.Thresholds;
        foreach (var family in groups.GroupBy(g => g.Fixed).OrderBy(f => f.Key))
        {
            var label = $"{axis} varies ({curves.Labels.Of(family.Key, axis)})" + (subject is null ? "" : $": {subject}");
            int steps = 0, countedSteps = 0;
            var violations = new List<string>();
            var compared = new List<CurveRow>();
            foreach (var group in family)
            {
                var rows = group.Rows.Where(r => SweepCurve.HasInterval(r, intervalQuantity, t.MinSeeds)).ToList();
                if (rows.Count >= 2) compared.AddRange(rows);
                for (var i = 1; i < rows.Count; i++)
                {
                    steps++;
                    if (counted?.Test(rows[i - 1], rows[i]) == true) countedSteps++;
                    violations.AddRange(compare(rows[i - 1], rows[i]).Select(v => $"{v} at depth {group.Depth}"));
                }
            }
            var identity = identityQuantity is { } q && DepthRows.OneValueAcrossSeeds(compared, q, t);
            yield return steps == 0
                ? new CurveEvidence(label, Verdict.NotTestable, $"no two compared rows have {t.MinSeeds}-seed {intervalQuantity} intervals")
                : new CurveEvidence(label, violations.Count > 0 ? Verdict.Fail : identity ? Verdict.Identity : Verdict.Pass,
                    $"{steps} steps in {axis}, " + (counted is { } c ? $"{c.Name} in {countedSteps}, " : "") + $"{violations.Count} violations" +
                    (violations.Count > 0 ? $": {string.Join("; ", violations.Take(5))}" : "") +
                    (identity ? $"; {identityQuantity} has one value across seeds (computed from the settings alone): " +
                                (violations.Count > 0 ? "a code bug" : "holds by construction; what it tests is the code") : ""));
        }
    }

    /// <summary>"act_noise 1 -> 2": the step between two rows on <paramref name="axis"/>.</summary>
    public static string Step(string axis, double earlier, double later) =>
        $"{axis} {VerdictFormat.Number(earlier)} -> {VerdictFormat.Number(later)}";
}
