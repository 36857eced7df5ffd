using System.Globalization;
using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Reports;

/// <summary>What ixt_vs_layer draws: per curve, the consistent estimate of I(X;T_l) against the layer l, one line per
/// network depth L, so the data-processing inequality (P2: non-increasing in l) reads along each line. Curves measured
/// only by binning (act_noise 0: a clustering measure, not MI) are left out.</summary>
internal static class LayerInformationFigure
{
    /// <summary>Dark to light with depth (matplotlib's viridis from 0 to 0.75, whose last quarter is too pale on white).</summary>
    private static readonly string[] _depthColours = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58"];

    /// <summary>The rows of the curves that hold a consistent I(X;T_l) at some layer.</summary>
    public static IReadOnlyList<CurveRow> Rows(IReadOnlyList<CurveRow> rows)
    {
        var measured = rows.Where(r => Enumerable.Range(1, r.Depth).Any(l => r.Mean(Name(l)) is not null)).Select(r => r.Key).ToHashSet();
        return rows.Where(r => measured.Contains(r.Key)).ToList();
    }

    /// <summary>One quantity per depth in <paramref name="rows"/>: a panel holds one curve, its lines are the depths.</summary>
    public static FigureSpec Spec(IReadOnlyList<CurveRow> rows)
    {
        var depths = rows.Select(r => r.Depth).Distinct().Order().ToList();
        var quantities = depths.Select((d, i) => new PanelQuantity(d.ToString(CultureInfo.InvariantCulture), $"L = {d}",
            _depthColours[depths.Count == 1 ? 0 : i * (_depthColours.Length - 1) / (depths.Count - 1)])).ToList();
        return new FigureSpec("I(X;T_l) vs layer", "layer l", "I(X;T_l) (nats)", Log: false, quantities)
        {
            CurvesPerPanel = 1,
            // An estimate pinned at its ceiling ln N varies by 1e-7 nats across layers: drawn to that range it would
            // look like a real slope, so the axis spans at least a tenth of a nat.
            MinimumSpan = 0.1,
            Empty = "no curve has a consistent I(X;T_l) (act_noise 0 is binned: a clustering measure, not MI)",
            Points = (curve, quantity) => curve.Where(r => r.Depth.ToString(CultureInfo.InvariantCulture) == quantity.Name)
                .SelectMany(r => Enumerable.Range(1, r.Depth).Select(l => (X: (double)l, Value: r.Find(Name(l)))))
                .Where(p => p.Value is { Mean: not null }).Select(p => (p.X, p.Value!)).ToList(),
        };
    }

    private static string Name(int layer) => LayerQuantities.Name(layer, LayerQuantity.IXT);
}
