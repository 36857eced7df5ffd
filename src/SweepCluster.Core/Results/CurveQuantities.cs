using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>The per-trial numbers a curve summarizes over seeds, with how each is read from a result.</summary>
public static class CurveQuantities
{
    public const string TrainError = "train_error";
    public const string TestError = "test_error";
    public const string Gap = "gap";
    public const string BXrOut = "b_xr_out";
    public const string BPaper = "b_paper";
    public const string BIsmi = "b_ismi";
    /// <summary>Upper estimate of I(X;T_L) at the last hidden layer.</summary>
    public const string IXTUpper = "i_x_t_upper";
    /// <summary>Lower estimate of I(X;T_L) at the last hidden layer.</summary>
    public const string IXTLower = "i_x_t_lower";
    /// <summary>Product of the analytic per-layer contraction coefficients: the whole network's eta.</summary>
    public const string EtaAnalyticProduct = "eta_analytic_product";
    /// <summary>The last layer's empirical ratio I(X;T_L) / I(X;T_(L-1)).</summary>
    public const string EtaEmpiricalLast = "eta_empirical_last";

    /// <summary>Every quantity, in column order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        TrainError, TestError, Gap, BXrOut, BPaper, BIsmi, IXTUpper, IXTLower, EtaAnalyticProduct, EtaEmpiricalLast,
    ];

    /// <summary>The generalization bounds, in column order.</summary>
    public static readonly IReadOnlyList<string> Bounds = [BXrOut, BPaper, BIsmi];

    /// <summary>The value of quantity <c>All[index]</c> in <paramref name="result"/>, or null when it is undefined
    /// there (a bound with a reason, no layers measured, or a non-finite number, which a mean cannot absorb).</summary>
    public static double? Read(TrialResult result, int index)
    {
        var value = index switch
        {
            0 => result.TrainError,
            1 => result.TestError,
            2 => result.Gap,
            3 => result.Bounds?.BXrOut.Value,
            4 => result.Bounds?.BPaper.Value,
            5 => result.Bounds?.BIsmi.Value,
            6 => LastLayer(result)?.IXTUpper,
            7 => LastLayer(result)?.IXTLower,
            8 => EtaProduct(result),
            9 => LastLayer(result)?.EtaEmpirical,
            _ => throw new ArgumentOutOfRangeException(nameof(index), index, "No such curve quantity."),
        };
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    private static LayerInformation? LastLayer(TrialResult result) =>
        result.Layers.Count == 0 ? null : result.Layers.MaxBy(l => l.Layer);

    private static double? EtaProduct(TrialResult result)
    {
        if (result.Layers.Count == 0) return null;
        var product = 1.0;
        foreach (var layer in result.Layers) product *= layer.EtaAnalytic;
        return product;
    }
}
