using System.Text.Json.Serialization;
using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Trials;

/// <summary>Everything one trial reports (docs/SCIENCE.md section 4). Serialized with <see cref="TrialJson.Options"/>
/// as snake_case JSON; the same object is one line of trials.jsonl.</summary>
public sealed record TrialResult
{
    public required TrialId TrialId { get; init; }
    public required TrialConfig Config { get; init; }
    public required TrialStatus Status { get; init; }
    /// <summary>Why a failed trial failed, e.g. "diverged at step 312"; null when completed.</summary>
    public string? FailureReason { get; init; }
    public TrialRunEcho? Run { get; init; }
    public double TrainError { get; init; }
    public double TestError { get; init; }
    /// <summary>test_error - train_error (0-1 loss).</summary>
    public double Gap { get; init; }
    /// <summary>Clipped cross-entropy on the training set.</summary>
    public double TrainLoss { get; init; }
    public double TestLoss { get; init; }
    /// <summary>test_loss - train_loss (clipped cross-entropy).</summary>
    public double LossGap { get; init; }
    public IReadOnlyList<LayerInformation> Layers { get; init; } = [];
    public SgldInformation? ISgld { get; init; }
    public TrialBounds? Bounds { get; init; }
    /// <summary>Fano lower bound on the training error of the randomized predictor, from the upper bound of
    /// I(Y;T_L) measured on training points: max(0, (H(Y) - I_upper(Y;T_L) - log 2) / log C), H(Y) the entropy of those
    /// points' labels, which is 1 - (I_upper(Y;T_L) + log 2) / log C when the classes are balanced. Null at act_noise 0.</summary>
    public double? FanoLower { get; init; }
    /// <summary>What a training of a CMI sweep records for the f-CMI bound; absent outside one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CmiOutcome? Cmi { get; init; }
    public TrialTimings? Timings { get; init; }
}

/// <summary>One selection of one supersample (see <see cref="CmiDraw"/>): which member of every pair was trained on and
/// the trained network's predictions on both members, under one noise draw; the errors are read off those predictions.</summary>
public sealed record CmiOutcome
{
    /// <summary>U: one character per pair, '0' when member 0 was trained on (member 1 the twin), '1' the other way.</summary>
    public required string Selected { get; init; }
    /// <summary>The predicted class of every supersample example as a base-36 digit: member 0 of pair i at 2i, member 1 at 2i + 1.</summary>
    public required string Predictions { get; init; }
    /// <summary>The label of every supersample example as a base-36 digit, laid out as <see cref="Predictions"/>: with
    /// them the loss of each member, and so the loss difference of b_ldcmi, is read off. Absent in results recorded
    /// before it was (b_ldcmi is then undefined).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Labels { get; init; }
    /// <summary>0-1 error on the n trained members.</summary>
    public required double TrainError { get; init; }
    /// <summary>0-1 error on their n held-out twins.</summary>
    public required double TwinError { get; init; }

    /// <summary>twin error - train error: this selection's generalization gap.</summary>
    [JsonIgnore]
    public double Gap => TwinError - TrainError;

    /// <summary>A class as the digit <see cref="Predictions"/> records it.</summary>
    public static char Digit(int label) => label < 10 ? (char)('0' + label) : (char)('a' + label - 10);

    /// <summary>The class a digit of <see cref="Predictions"/> stands for.</summary>
    public static int Label(char digit) => digit <= '9' ? digit - '0' : digit - 'a' + 10;
}

/// <summary>Outcome of a trial.</summary>
public enum TrialStatus { Completed, Failed }

/// <summary>The derived run settings echoed beside the configuration.</summary>
public sealed record TrialRunEcho
{
    public required int Classes { get; init; }
    public required int InputDimension { get; init; }
    /// <summary>T: parameter updates performed.</summary>
    public required long Steps { get; init; }
    /// <summary>d: every parameter of the network.</summary>
    public required long Parameters { get; init; }
    /// <summary>Parameters that were trained (d_out in frozen_features mode).</summary>
    public required long TrainedParameters { get; init; }
    /// <summary>d_out = (w + 1) * C.</summary>
    public required long OutputParameters { get; init; }
    /// <summary>Sub-Gaussian parameter of the 0-1 loss the bounds are stated for (1/2).</summary>
    public required double LossSigma { get; init; }
    public required double AlphaFirst { get; init; }
    public required double AlphaLast { get; init; }
    /// <summary>Per-coordinate update-noise std at the first and last step (0 when none).</summary>
    public required double SigmaFirst { get; init; }
    public required double SigmaLast { get; init; }
    public required string Device { get; init; }
    public required int Threads { get; init; }
    public required string Dataset { get; init; }
    /// <summary>How many trials trained together with this one as one batched network, itself included (1: alone).
    /// Its timings' training seconds are its share of the pack's.</summary>
    public int PackSize { get; init; } = Core.Spec.SweepSpec.MinPackSize;
}

/// <summary>Information measured at one hidden layer, on the fixed evaluation set.</summary>
public sealed record LayerInformation
{
    /// <summary>1-based layer index.</summary>
    public required int Layer { get; init; }
    /// <summary>pairwise (mixture bounds, true MI with noise s &gt; 0) or binning (s = 0: a clustering measure, not MI).</summary>
    public required LayerEstimator Estimator { get; init; }
    /// <summary>Consistent Monte-Carlo estimate of I(X;T_l) = h(T_l) - h(T_l | X) by sample propagation (the noise paths'
    /// mixtures, their entropies integrated by fresh draws); null for binning (s = 0).</summary>
    [JsonPropertyName("i_x_t")]
    public double? IXT { get; init; }
    /// <summary>Standard error of <see cref="IXT"/> over its Monte-Carlo draws.</summary>
    [JsonPropertyName("i_x_t_se")]
    public double? IXTSe { get; init; }
    /// <summary><see cref="IXT"/> from all its mixture paths minus the same from the first half of them: about the
    /// finite-path error that remains (it falls roughly like 1/M), which the standard error does not hold; null where
    /// the paths do not matter (no noise upstream) or for binning.</summary>
    [JsonPropertyName("i_x_t_path_drift")]
    public double? IXTPathDrift { get; init; }
    [JsonPropertyName("i_x_t_lower")]
    public required double IXTLower { get; init; }
    [JsonPropertyName("i_x_t_upper")]
    public required double IXTUpper { get; init; }
    /// <summary>"exact" when the pair is a true bound (layer 1, or noise only where measured), "monte_carlo" when it
    /// is an estimate over noise paths through noisy upstream layers, "clustering" for binning at s = 0.</summary>
    public LayerInformationKind Kind { get; init; } = LayerInformationKind.Exact;
    /// <summary>Standard error of the upper value over noise paths; null when the pair is exact.</summary>
    [JsonPropertyName("i_x_t_upper_se")]
    public double? IXTUpperSe { get; init; }
    /// <summary>min over l' &lt;= l of the upper values: still an upper bound on I(X;T_l) because X -> T_1 -> ... -> T_l
    /// is a Markov chain (data processing), and never rising with l.</summary>
    [JsonPropertyName("i_x_t_upper_dpi")]
    public double IXTUpperDpi { get; init; }
    /// <summary>Point estimate of I(Y;T_l) on the evaluation set.</summary>
    [JsonPropertyName("i_y_t")]
    public required double IYT { get; init; }
    /// <summary>Lower and upper values of I(Y;T_l) = I(X;T_l) - sum_y p_y I(X;T_l | Y=y) (upper: the X term's upper
    /// minus the class terms' lowers); null for binning.</summary>
    [JsonPropertyName("i_y_t_lower")]
    public double? IYTLower { get; init; }
    [JsonPropertyName("i_y_t_upper")]
    public double? IYTUpper { get; init; }
    /// <summary>True when the upper value is within 0.1 nats of log N.</summary>
    public required bool Saturated { get; init; }
    public required double EtaAnalytic { get; init; }
    /// <summary>i_x_t(l) / i_x_t(l-1), the ratio of consecutive consistent estimates (I(X;T_0) = log N); a ratio of
    /// estimates, not a bound.</summary>
    public required double? EtaEmpirical { get; init; }
}

/// <summary>How a layer's information was measured; the JSON and the CSV write its word ("pairwise", "binning").</summary>
public enum LayerEstimator
{
    /// <summary>Pairwise mixture bounds of the true I(X;T_l) under noise s &gt; 0.</summary>
    Pairwise,
    /// <summary>Binning at s = 0: a clustering measure, not mutual information.</summary>
    Binning,
}

/// <summary>What a layer's pair of values is; the JSON and the CSV write its word ("exact", "monte_carlo",
/// "clustering").</summary>
public enum LayerInformationKind
{
    /// <summary>A true bound: layer 1, or noise only where measured.</summary>
    Exact,
    /// <summary>An estimate over noise paths through noisy upstream layers.</summary>
    MonteCarlo,
    /// <summary>Binning at s = 0: a clustering measure, not mutual information.</summary>
    Clustering,
}

/// <summary>The Pensia-Jog-Loh information sum of the logged trajectory, or why it is undefined.</summary>
public sealed record SgldInformation
{
    /// <summary>Sum over all trained parameters; null when undefined.</summary>
    public double? Value { get; init; }
    /// <summary>Sum over the output layer's parameters alone.</summary>
    public double? OutputLayer { get; init; }
    public string? Reason { get; init; }
}

/// <summary>The generalization bounds of a trial.</summary>
public sealed record TrialBounds
{
    /// <summary>sqrt(2 sigma^2 I_SGLD(output layer) / n): the paper's last-layer bound, certified in frozen_features.</summary>
    public required BoundValue BXrOut { get; init; }
    /// <summary>(prod_l eta_l)^(1/2) * B_XR_out: the paper's depth formula over the output hypothesis.</summary>
    public required BoundValue BPaper { get; init; }
    /// <summary>(prod_l eta_l)^(1/2) * sqrt(2 sigma^2 I_SGLD(all trained parameters) / n): grows with depth in
    /// end_to_end because the parameter count does.</summary>
    public BoundValue BPaperAllParams { get; init; } = BoundValue.Undefined("not computed");
    /// <summary>(i_x_t(T_L) / ln N)^(1/2) * B_XR_out, the consistent estimate of the last layer: the paper's shape with the
    /// measured contraction (N the evaluation points used). Undefined at act_noise 0, where the layer measure is binning rather than MI.</summary>
    public BoundValue BPaperMeasured { get; init; } = BoundValue.Undefined("not computed");
    /// <summary>(1/n) sum_i sqrt(2 sigma^2 I_i), I_i charging sample i (alpha_t / b) K in each step whose batch held it:
    /// defined only with per-example clipping (frozen_features, where it is certified) and injected noise.</summary>
    public required BoundValue BIsmi { get; init; }
}

/// <summary>A bound's value and whether it says anything, or null with the reason it is undefined.</summary>
public sealed record BoundValue
{
    public double? Value { get; init; }
    /// <summary>Above the loss range, so it says nothing.</summary>
    public bool? Vacuous { get; init; }
    /// <summary>Whether the assumptions behind it hold in this trial (e.g. B_XR_out in frozen_features mode).</summary>
    public bool? Certified { get; init; }
    public string? Reason { get; init; }

    public static BoundValue Undefined(string reason) => new() { Reason = reason };
}

/// <summary>Wall time of each phase, in seconds.</summary>
public sealed record TrialTimings
{
    public double DataSeconds { get; init; }
    public double TrainSeconds { get; init; }
    public double EvaluateSeconds { get; init; }
    public double EstimateSeconds { get; init; }
    public double TotalSeconds { get; init; }
}
