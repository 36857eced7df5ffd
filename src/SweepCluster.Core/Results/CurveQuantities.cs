using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>The per-trial numbers a curve summarizes over seeds, with how each is read from a result: a fixed top level
/// that every row has, and per-layer columns (<see cref="LayerQuantities"/>) for the layers a row's depth holds.</summary>
public static class CurveQuantities
{
    public const string TrainError = "train_error";
    public const string TestError = "test_error";
    public const string Gap = "gap";
    /// <summary>Clipped cross-entropy on the training set.</summary>
    public const string TrainLoss = "train_loss";
    public const string TestLoss = "test_loss";
    /// <summary>test_loss - train_loss.</summary>
    public const string LossGap = "loss_gap";
    /// <summary>1 - 1/C: the 0-1 error of a network that learned nothing (C classes), the level P3's evidence marks.</summary>
    public const string ChanceError = "chance_error";
    public const string BXrOut = "b_xr_out";
    public const string BPaper = "b_paper";
    public const string BPaperAllParams = "b_paper_all_params";
    public const string BPaperMeasured = "b_paper_measured";
    public const string BIsmi = "b_ismi";
    /// <summary>Fano lower bound on the training error.</summary>
    public const string FanoLower = "fano_lower";
    /// <summary>Product of the analytic per-layer contraction coefficients: the whole network's eta.</summary>
    public const string EtaAnalyticProduct = "eta_analytic_product";
    /// <summary>Consistent estimate of I(X;T_L) at the last hidden layer (MI estimators only).</summary>
    public const string IXT = "i_x_t";
    /// <summary>Upper value of I(X;T_L) at the last hidden layer (MI estimators only; binning is in the layer columns).</summary>
    public const string IXTUpper = "i_x_t_upper";
    /// <summary>Lower value of I(X;T_L) at the last hidden layer (MI estimators only).</summary>
    public const string IXTLower = "i_x_t_lower";
    /// <summary>The last layer's empirical ratio I(X;T_L) / I(X;T_(L-1)) (MI estimators only).</summary>
    public const string EtaEmpiricalLast = "eta_empirical_last";

    /// <summary>CMI sweeps: the f-CMI bound of a supersample, from all its selections (a cell computes it; no single
    /// trial holds it).</summary>
    public const string BFcmi = "b_fcmi";
    /// <summary>CMI sweeps: twin error - train error of a selection, the gap b_fcmi bounds in expectation.</summary>
    public const string FcmiGap = "fcmi_gap";
    /// <summary>CMI sweeps: b_fcmi of the same trainings with the coins permuted across selections (true CMI zero), the
    /// mean over the permutations: what b_fcmi shows without any dependence.</summary>
    public const string BFcmiNull = "b_fcmi_null";
    /// <summary>CMI sweeps: the 95% quantile of b_fcmi over the permutations.</summary>
    public const string BFcmiNullQ95 = "b_fcmi_null_q95";
    /// <summary>CMI sweeps: b_fcmi with each pair's null-mean plug-in MI subtracted (clamped at 0).</summary>
    public const string BFcmiCorrected = "b_fcmi_corrected";
    /// <summary>CMI sweeps: b_fcmi with each pair's MI corrected by Miller-Madow (clamped at 0).</summary>
    public const string BFcmiMillerMadow = "b_fcmi_mm";
    /// <summary>CMI sweeps: the loss-difference bound of Wang and Mao (2023) from the same selections.</summary>
    public const string BLdcmi = "b_ldcmi";
    public const string BLdcmiNull = "b_ldcmi_null";
    public const string BLdcmiNullQ95 = "b_ldcmi_null_q95";
    public const string BLdcmiCorrected = "b_ldcmi_corrected";
    public const string BLdcmiMillerMadow = "b_ldcmi_mm";
    /// <summary>CMI sweeps: k, the selections a supersample's CMI bounds come from.</summary>
    public const string CmiSelections = "cmi_selections";
    /// <summary>CMI sweeps: the plug-in bias of a pair's I(F_i; U_i) that k selections imply, in nats (Miller-Madow's
    /// correction, about (|F| - 1)/(2k)), averaged over pairs.</summary>
    public const string FcmiBias = "fcmi_bias";

    /// <summary>The CMI quantities a cell computes from all selections of a supersample (no single trial holds them).</summary>
    public static readonly IReadOnlyList<string> PerSupersample =
    [
        CmiSelections, FcmiBias, BFcmi, BFcmiNull, BFcmiNullQ95, BFcmiCorrected, BFcmiMillerMadow,
        BLdcmi, BLdcmiNull, BLdcmiNullQ95, BLdcmiCorrected, BLdcmiMillerMadow,
    ];

    /// <summary>The generalization bounds, in column order.</summary>
    public static readonly IReadOnlyList<string> Bounds = [BXrOut, BPaper, BPaperAllParams, BPaperMeasured, BIsmi];

    /// <summary>The quantities every row has whatever its depth, in column order: errors, losses, bounds, Fano, the
    /// network's eta, the last layer's information, a CMI sweep's gap and per-supersample bounds, and per bound the fraction of seeds where it is certified (1 when
    /// every seed's assumptions hold). A bounded set: the only one the curve gauge exports.</summary>
    public static readonly IReadOnlyList<string> TopLevel =
    [
        TrainError, TestError, Gap, TrainLoss, TestLoss, LossGap, ChanceError, .. Bounds, FanoLower, EtaAnalyticProduct,
        IXT, IXTUpper, IXTLower, EtaEmpiricalLast, FcmiGap, .. PerSupersample, .. Bounds.Select(CertifiedName),
    ];

    private static readonly Dictionary<string, Func<TrialResult, double?>> _topLevelReaders = new(StringComparer.Ordinal)
    {
        [TrainError] = r => r.TrainError,
        [TestError] = r => r.TestError,
        [Gap] = r => r.Gap,
        [TrainLoss] = r => r.TrainLoss,
        [TestLoss] = r => r.TestLoss,
        [LossGap] = r => r.LossGap,
        [ChanceError] = r => r.Run is { Classes: > 0 } run ? 1.0 - 1.0 / run.Classes : null,
        [BXrOut] = r => r.Bounds?.BXrOut.Value,
        [BPaper] = r => r.Bounds?.BPaper.Value,
        [BPaperAllParams] = r => r.Bounds?.BPaperAllParams.Value,
        [BPaperMeasured] = r => r.Bounds?.BPaperMeasured.Value,
        [BIsmi] = r => r.Bounds?.BIsmi.Value,
        [FanoLower] = r => r.FanoLower,
        [EtaAnalyticProduct] = EtaProduct,
        [IXT] = r => LastMeasuredLayer(r)?.IXT,
        [IXTUpper] = r => LastMeasuredLayer(r)?.IXTUpper,
        [IXTLower] = r => LastMeasuredLayer(r)?.IXTLower,
        [EtaEmpiricalLast] = r => LastMeasuredLayer(r)?.EtaEmpirical,
        [FcmiGap] = r => r.Cmi?.Gap,
        [CertifiedName(BXrOut)] = r => Certified(r.Bounds?.BXrOut),
        [CertifiedName(BPaper)] = r => Certified(r.Bounds?.BPaper),
        [CertifiedName(BPaperAllParams)] = r => Certified(r.Bounds?.BPaperAllParams),
        [CertifiedName(BPaperMeasured)] = r => Certified(r.Bounds?.BPaperMeasured),
        [CertifiedName(BIsmi)] = r => Certified(r.Bounds?.BIsmi),
    };

    /// <summary>The column holding the fraction of seeds where <paramref name="bound"/> is certified, e.g. "b_ismi_certified".</summary>
    public static string CertifiedName(string bound) => $"{bound}_certified";

    /// <summary>The quantities of a row at <paramref name="depth"/>: the top level, then layers 1..depth.</summary>
    public static IReadOnlyList<string> ForDepth(int depth) => [.. TopLevel, .. LayerQuantities.Names(depth)];

    /// <summary>The value of quantity <paramref name="name"/> in <paramref name="result"/>, or null when it is undefined
    /// there (a bound with a reason, a layer not measured or measured by the other kind of estimator, or a non-finite
    /// number, which a mean cannot absorb).</summary>
    public static double? Read(TrialResult result, string name)
    {
        double? value;
        if (PerSupersample.Contains(name)) value = null;
        else if (_topLevelReaders.TryGetValue(name, out var read)) value = read(result);
        else if (LayerQuantities.TryParse(name, out var layer, out var quantity)) value = LayerQuantities.Read(result, layer, quantity);
        else throw new ArgumentOutOfRangeException(nameof(name), name, "No such curve quantity.");
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    /// <summary>The deepest layer measured by an MI estimator; a binning layer's value is not I(X;T).</summary>
    private static LayerInformation? LastMeasuredLayer(TrialResult result) =>
        result.Layers.MaxBy(l => l.Layer) is { } last && !LayerQuantities.IsBinning(last) ? last : null;

    private static double? EtaProduct(TrialResult result)
    {
        if (result.Layers.Count == 0) return null;
        var product = 1.0;
        foreach (var layer in result.Layers) product *= layer.EtaAnalytic;
        return product;
    }

    /// <summary>1 when the bound is defined and certified, 0 when defined and not; undefined bounds count nowhere.</summary>
    private static double? Certified(BoundValue? bound) =>
        bound?.Value is null ? null : bound.Certified == true ? 1.0 : 0.0;
}
