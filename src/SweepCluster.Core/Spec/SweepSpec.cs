namespace SweepCluster.Core.Spec;

/// <summary>A validated sweep specification: fixed settings per section, the grid of axes, and the seeds.</summary>
public sealed record SweepSpec(
    string Name,
    DatasetSettings Dataset,
    ModelSettings Model,
    TrainingSettings Training,
    InformationSettings Information,
    IReadOnlyList<GridAxis> Grid,
    IReadOnlyList<int> Seeds,
    string SourcePath)
{
    /// <summary>The cmi section, or null when the sweep trains every grid point and seed once.</summary>
    public CmiSettings? Cmi { get; init; }

    /// <summary>pack_size: the most trials one pack may hold (1: every trial alone); null: as many as a slot's
    /// --pack-size asks for. Not part of any trial's configuration, so it changes no trial id.</summary>
    public int? PackSize { get; init; }

    /// <summary>The smallest pack: one trial alone, which is also what a slot or result not told otherwise holds.</summary>
    public const int MinPackSize = 1;

    /// <summary>The largest pack, in the spec and on the command line: a pack is one batched network, and its
    /// memory grows with it.</summary>
    public const int MaxPackSize = 64;
}

/// <summary>One grid axis: a name from <see cref="AxisNames"/> and the values it takes, in spec order.</summary>
public sealed record GridAxis(string Name, IReadOnlyList<AxisValue> Values);

/// <summary>An axis value: a number or a word (for axes such as activation or optimizer).</summary>
public readonly record struct AxisValue(double? Number, string? Text)
{
    public static AxisValue Of(double number) => new(number, null);
    public static AxisValue Of(string text) => new(null, text);
    public override string ToString() =>
        Number is { } n ? n.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : Text ?? "";
}

/// <summary>Where the data comes from. The task (class means) is fixed by <see cref="DataSeed"/>; each trial's
/// training sample and test sample are drawn with the trial seed, so every seed has a fresh test sample.</summary>
public sealed record DatasetSettings
{
    /// <summary>"synthetic" (seeded Gaussian mixture) or "idx" (MNIST-format files).</summary>
    public DatasetKind Kind { get; init; } = DatasetKind.Synthetic;
    /// <summary>Synthetic: number of classes C.</summary>
    public int Classes { get; init; } = 4;
    /// <summary>Synthetic: input dimension D.</summary>
    public int Dimension { get; init; } = 20;
    /// <summary>Synthetic: which task. Left out of the JSON (and so of the trial id) at its default, the Gaussian
    /// mixture, so specs written before it keep their ids.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public SyntheticTask Task { get; init; } = SyntheticTask.GaussianMixture;
    /// <summary>Gaussian mixture: distance scale between class means, in units of the within-class standard deviation.</summary>
    public double Separation { get; init; } = 3.0;
    /// <summary>Radial shells: the number of equally likely shells of the input's radius, labelled 0, 1, .., C-1, 0, ..
    /// from the inside out (the task's difficulty: the label oscillates this many times along the radius); null for
    /// the Gaussian mixture, and left out of the JSON then.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Shells { get; init; }
    /// <summary>Size of each seed's test sample (its first eval_points are the information evaluation set).</summary>
    public int TestSize { get; init; } = 2000;
    /// <summary>Seed of the task itself (class means, and the streams samples are drawn from), not of a trial.</summary>
    public int DataSeed { get; init; } = 0;
    /// <summary>IDX: folder holding train-images-idx3-ubyte[.gz] and friends.</summary>
    public string? Path { get; init; }
    /// <summary>IDX: the labels to keep, relabelled 0..k-1 in this order; empty keeps all.</summary>
    public IReadOnlyList<int> ClassSubset { get; init; } = [];
}

/// <summary>The network family; depth and width come from the grid.</summary>
public sealed record ModelSettings
{
    /// <summary>"mlp" (the reference model).</summary>
    public ArchitectureKind Architecture { get; init; } = ArchitectureKind.Mlp;
    /// <summary>"tanh" (bounded, the default) or "relu".</summary>
    public ActivationKind Activation { get; init; } = ActivationKind.Tanh;
}

/// <summary>How the network is trained.</summary>
public sealed record TrainingSettings
{
    /// <summary>"end_to_end" (M1) or "frozen_features" (M2: random frozen hidden layers, only the output layer trained).</summary>
    public TrainingMode Mode { get; init; } = TrainingMode.EndToEnd;
    /// <summary>"sgd", "adam" or "sgld" (SGD with Gaussian noise on every update and a gradient clip).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;
    public double LearningRate { get; init; } = 0.05;
    /// <summary>"constant" or "inverse_time" (alpha_t = lr / (1 + lr_decay * t)).</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;
    public double LrDecay { get; init; } = 0.0;
    public int Epochs { get; init; } = 20;
    public int BatchSize { get; init; } = 64;
    /// <summary>Gradient-norm clip K over the trained parameters; 0 means no clip.</summary>
    public double Clip { get; init; } = 0.0;
    /// <summary>Whether K caps the batch gradient or each example's gradient (per_example only in frozen_features).
    /// Left out of the JSON (and so of the trial id) at its default, auto, so specs written before it keep their ids.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public ClippingMode Clipping { get; init; } = ClippingMode.Auto;
    /// <summary>How the sgld_noise axis is read: "std" (sigma_t itself) or "inverse_temperature" (beta, sigma_t^2 = 2 alpha_t / beta).</summary>
    public SgldParameterization SgldParameterization { get; init; } = SgldParameterization.Std;
    /// <summary>Attempts a failed trial gets before it is recorded failed.</summary>
    public int MaxAttempts { get; init; } = 2;
}

/// <summary>How information and errors are measured.</summary>
public sealed record InformationSettings
{
    /// <summary>N: size of the fixed evaluation set on which I(X;T_l) is measured (X uniform on it).</summary>
    public int EvalPoints { get; init; } = 256;
    /// <summary>M: Monte-Carlo noise paths per input when earlier layers are noisy too. 16 because the raw upper value
    /// falls with M (fewer paths overstate it): on a depth-6 width-4 act_noise-1 quickstart trial, 4 and 8 paths let the
    /// last layer's upper rise 0.015 over the layer before it (3 to 4 standard errors), 16 only 0.005 (about 1).</summary>
    public int NoisePaths { get; init; } = 16;
    /// <summary>Paths per input of the mixtures behind the consistent estimate i_x_t (sample propagation); null: the
    /// default, <see cref="DefaultMixturePaths"/>, left out of the JSON (and so of the trial id).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? MixturePaths { get; init; }
    /// <summary>Fresh draws per input that integrate the mixture entropies of i_x_t; null: <see cref="DefaultMixtureDraws"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? MixtureDraws { get; init; }
    /// <summary>128 paths: on frozen random tanh nets (width 4 and 16, act_noise 0.5-2) the estimate then agrees with a
    /// nested Monte-Carlo reference wherever that reference has converged (docs/SCIENCE.md section 5.3, the estimator's table).</summary>
    public const int DefaultMixturePaths = 128;
    public const int DefaultMixtureDraws = 2;
    /// <summary>Bins per unit for the s = 0 clustering measure.</summary>
    public int Bins { get; init; } = Core.Information.BinningEstimator.DefaultBins;
    /// <summary>Fresh noise draws per example when measuring errors (at least 10).</summary>
    public int ErrorDraws { get; init; } = 10;
    /// <summary>B: cross-entropy is clipped at B so it is B/2-sub-Gaussian.</summary>
    public double LossClip { get; init; } = 4.0;
}
