using System.Globalization;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>Names and reads the per-layer curve columns: <c>layer{l}_{suffix}</c> for l = 1..depth.</summary>
/// <remarks>The set of columns depends on the depths a sweep holds, so the names are generated for the layers present
/// rather than listed. A binning layer (act_noise 0) fills only the <c>binned_</c> columns: a clustering measure must
/// never sit in a column that reads as mutual information.</remarks>
public static class LayerQuantities
{
    private const string Prefix = "layer";

    /// <summary>Every per-layer quantity, in column order within one layer.</summary>
    public static readonly IReadOnlyList<LayerQuantity> All = Enum.GetValues<LayerQuantity>();

    /// <summary>The column suffix of <paramref name="quantity"/>, e.g. "i_x_t_upper_dpi".</summary>
    public static string Suffix(LayerQuantity quantity) => quantity switch
    {
        LayerQuantity.IXT => "i_x_t",
        LayerQuantity.IXTSe => "i_x_t_se",
        LayerQuantity.IXTPathDrift => "i_x_t_path_drift",
        LayerQuantity.IXTLower => "i_x_t_lower",
        LayerQuantity.IXTUpper => "i_x_t_upper",
        LayerQuantity.IXTUpperSe => "i_x_t_upper_se",
        LayerQuantity.IXTUpperDpi => "i_x_t_upper_dpi",
        LayerQuantity.IYT => "i_y_t",
        LayerQuantity.IYTLower => "i_y_t_lower",
        LayerQuantity.IYTUpper => "i_y_t_upper",
        LayerQuantity.EtaAnalytic => "eta_analytic",
        LayerQuantity.EtaEmpirical => "eta_empirical",
        LayerQuantity.BinnedIXT => "binned_i_x_t",
        LayerQuantity.BinnedIYT => "binned_i_y_t",
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "No such layer quantity."),
    };

    /// <summary>The column name of <paramref name="quantity"/> at 1-based <paramref name="layer"/>, e.g. "layer2_i_y_t".</summary>
    public static string Name(int layer, LayerQuantity quantity) =>
        $"{Prefix}{layer.ToString(CultureInfo.InvariantCulture)}_{Suffix(quantity)}";

    /// <summary>The columns of layers 1..<paramref name="depth"/>, layer by layer.</summary>
    public static IEnumerable<string> Names(int depth)
    {
        for (var layer = 1; layer <= depth; layer++)
            foreach (var quantity in All)
                yield return Name(layer, quantity);
    }

    /// <summary>Whether <paramref name="name"/> is a per-layer column; if so, its layer and quantity.</summary>
    public static bool TryParse(string name, out int layer, out LayerQuantity quantity)
    {
        layer = 0;
        quantity = default;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var underscore = name.IndexOf('_', Prefix.Length);
        if (underscore < 0 || !int.TryParse(name.AsSpan(Prefix.Length, underscore - Prefix.Length),
                NumberStyles.None, CultureInfo.InvariantCulture, out layer) || layer < 1) return false;
        var suffix = name[(underscore + 1)..];
        foreach (var candidate in All)
        {
            if (Suffix(candidate) != suffix) continue;
            quantity = candidate;
            return true;
        }
        return false;
    }

    /// <summary>The value of <paramref name="quantity"/> at <paramref name="layer"/> in <paramref name="result"/>,
    /// or null when that layer was not measured or the value belongs to the other kind of estimator.</summary>
    public static double? Read(TrialResult result, int layer, LayerQuantity quantity)
    {
        var info = result.Layers.FirstOrDefault(l => l.Layer == layer);
        if (info is null) return null;
        var binned = IsBinning(info);
        return quantity switch
        {
            LayerQuantity.BinnedIXT => binned ? info.IXTUpper : null,
            LayerQuantity.BinnedIYT => binned ? info.IYT : null,
            // The contraction coefficient is analytic: it does not depend on how information was measured.
            LayerQuantity.EtaAnalytic => info.EtaAnalytic,
            _ when binned => null,
            LayerQuantity.IXT => info.IXT,
            LayerQuantity.IXTSe => info.IXTSe,
            LayerQuantity.IXTPathDrift => info.IXTPathDrift,
            LayerQuantity.IXTLower => info.IXTLower,
            LayerQuantity.IXTUpper => info.IXTUpper,
            // An exact pair has no sampling error; 0 lets a comparison treat both kinds alike.
            LayerQuantity.IXTUpperSe => info.IXTUpperSe ?? 0.0,
            LayerQuantity.IXTUpperDpi => info.IXTUpperDpi,
            LayerQuantity.IYT => info.IYT,
            LayerQuantity.IYTLower => info.IYTLower,
            LayerQuantity.IYTUpper => info.IYTUpper,
            LayerQuantity.EtaEmpirical => info.EtaEmpirical,
            _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "No such layer quantity."),
        };
    }

    /// <summary>True for a layer measured by binning (act_noise 0): its values are clustering measures, not MI.</summary>
    public static bool IsBinning(LayerInformation layer) =>
        layer.Kind == LayerInformationKind.Clustering || layer.Estimator == LayerEstimator.Binning;
}
