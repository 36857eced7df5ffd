namespace SweepCluster.Core.Spec;

/// <summary>The names a grid axis may take. The first eight are the experiment's axes; the rest are fixed
/// settings that may also be swept.</summary>
public static class AxisNames
{
    public const string Depth = "depth";
    public const string Width = "width";
    public const string ActNoise = "act_noise";
    public const string SgldNoise = "sgld_noise";
    public const string LabelNoise = "label_noise";
    public const string Dropout = "dropout";
    public const string InputNoise = "input_noise";
    public const string TrainSize = "train_size";
    public const string LearningRate = "learning_rate";
    public const string Epochs = "epochs";
    public const string BatchSize = "batch_size";
    public const string Clip = "clip";
    public const string Activation = "activation";
    public const string Optimizer = "optimizer";
    public const string Mode = "mode";

    /// <summary>Every valid axis name, in canonical order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Depth, Width, ActNoise, SgldNoise, LabelNoise, Dropout, InputNoise, TrainSize,
        LearningRate, Epochs, BatchSize, Clip, Activation, Optimizer, Mode,
    ];
}
