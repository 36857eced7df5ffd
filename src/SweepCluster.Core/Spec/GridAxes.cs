using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Spec;

/// <summary>The names a grid axis may take. The first eight are the experiment's axes; the rest are fixed
/// settings that may also be swept (shells, the radial-shells task's difficulty, is dataset.shells). Each has its
/// entry in <see cref="GridAxes"/>.</summary>
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
    public const string Shells = "shells";

    /// <summary>Every valid axis name, in canonical order.</summary>
    public static readonly IReadOnlyList<string> All = GridAxes.All.Select(axis => axis.Name).ToList();
}

/// <summary>The one table of grid axes: what each accepts and how a <see cref="TrialConfig"/> carries it. Parsing,
/// grid expansion, snapshot templates, pack keys, curve keys and trial spans read it, so a new axis is one entry here
/// (and, if curves should split on it, a place in <see cref="CurveKeyAxes"/> and a <c>CurveKey</c> field).</summary>
public static class GridAxes
{
    private static readonly AxisValue Zero = AxisValue.Of(0);

    /// <summary>Every axis in canonical order: the order the grid expands in, so it fixes the plan order.</summary>
    public static readonly IReadOnlyList<AxisDefinition> All =
    [
        new(AxisNames.Depth, AxisKind.Whole, c => c.Depth, (c, v) => c with { Depth = (int)v.Number! }) { PointDefault = AxisValue.Of(1), SnapshotName = "d" },
        new(AxisNames.Width, AxisKind.Whole, c => c.Width, (c, v) => c with { Width = (int)v.Number! }) { PointDefault = AxisValue.Of(1), SnapshotName = "w" },
        new(AxisNames.ActNoise, AxisKind.Real, c => c.ActNoise, (c, v) => c with { ActNoise = v.Number!.Value })
            { PointDefault = Zero, VariesInPack = true, Refuse = AxisRules.Negative, Max = NumberLimits.Noise, SnapshotName = "an" },
        new(AxisNames.SgldNoise, AxisKind.Real, c => c.SgldNoise, (c, v) => c with { SgldNoise = v.Number!.Value })
            { PointDefault = Zero, VariesInPack = true, Refuse = AxisRules.Negative, Max = NumberLimits.SgldNoise, SnapshotName = "sn" },
        new(AxisNames.LabelNoise, AxisKind.Real, c => c.LabelNoise, (c, v) => c with { LabelNoise = v.Number!.Value })
            { PointDefault = Zero, VariesInPack = true, Refuse = AxisRules.NotProbability, SnapshotName = "ln" },
        new(AxisNames.Dropout, AxisKind.Real, c => c.Dropout, (c, v) => c with { Dropout = v.Number!.Value })
            { PointDefault = Zero, VariesInPack = true, Refuse = AxisRules.NotDropRate, SnapshotName = "dr" },
        new(AxisNames.InputNoise, AxisKind.Real, c => c.InputNoise, (c, v) => c with { InputNoise = v.Number!.Value })
            { PointDefault = Zero, VariesInPack = true, Refuse = AxisRules.Negative, Max = NumberLimits.Noise, SnapshotName = "in" },
        new(AxisNames.TrainSize, AxisKind.Whole, c => c.TrainSize, (c, v) => c with { TrainSize = (int)v.Number! })
            { PointDefault = AxisValue.Of(1000), SnapshotName = "n" },
        new(AxisNames.LearningRate, AxisKind.Real, c => c.Training.LearningRate,
            (c, v) => c with { Training = c.Training with { LearningRate = v.Number!.Value } })
            { Refuse = AxisRules.NotPositive, Max = NumberLimits.LearningRate },
        new(AxisNames.Epochs, AxisKind.Whole, c => c.Training.Epochs,
            (c, v) => c with { Training = c.Training with { Epochs = (int)v.Number! } }),
        new(AxisNames.BatchSize, AxisKind.Whole, c => c.Training.BatchSize,
            (c, v) => c with { Training = c.Training with { BatchSize = (int)v.Number! } }),
        new(AxisNames.Clip, AxisKind.Real, c => c.Training.Clip,
            (c, v) => c with { Training = c.Training with { Clip = v.Number!.Value } })
            { Refuse = AxisRules.Negative, Max = NumberLimits.Clip },
        AxisDefinition.OfWord<ActivationKind>(AxisNames.Activation, c => c.Model.Activation,
            (c, w) => c with { Model = c.Model with { Activation = w } }),
        AxisDefinition.OfWord<OptimizerKind>(AxisNames.Optimizer, c => c.Training.Optimizer,
            (c, w) => c with { Training = c.Training with { Optimizer = w } }),
        AxisDefinition.OfWord<TrainingMode>(AxisNames.Mode, c => c.Training.Mode,
            (c, w) => c with { Training = c.Training with { Mode = w } }),
        // Held in the dataset section, where it has always been, so trial ids do not change; 0 for the tasks without
        // shells (their Shells is null and stays out of the id). Different shells are different data: never one pack.
        new(AxisNames.Shells, AxisKind.Whole, c => c.Dataset.Shells ?? 0,
            (c, v) => c with { Dataset = c.Dataset with { Shells = (int)v.Number! } })
            { Refuse = AxisRules.NotShellCount },
    ];

    /// <summary>The axes a grid point sets on its own (those with a <see cref="AxisDefinition.PointDefault"/>), in
    /// canonical order: each snapshot row and trial span carries them, and a configuration's template zeroes them.</summary>
    public static readonly IReadOnlyList<AxisDefinition> PerPoint = All.Where(axis => axis.PointDefault is not null).ToList();

    /// <summary>What a bound-versus-depth curve holds fixed, in curves.csv's column order (which predates this table
    /// and is kept so existing files and readers stay valid): every axis but depth.</summary>
    public static readonly IReadOnlyList<AxisDefinition> CurveKeyAxes = InOrder(
        AxisNames.Width, AxisNames.ActNoise, AxisNames.SgldNoise, AxisNames.LabelNoise, AxisNames.Dropout,
        AxisNames.InputNoise, AxisNames.TrainSize, AxisNames.Mode, AxisNames.Optimizer, AxisNames.Activation,
        AxisNames.LearningRate, AxisNames.Epochs, AxisNames.BatchSize, AxisNames.Clip, AxisNames.Shells);

    /// <summary>The axis called <paramref name="name"/>; the name must be one of <see cref="AxisNames.All"/>.</summary>
    public static AxisDefinition Named(string name) =>
        All.FirstOrDefault(axis => axis.Name == name) ?? throw new ArgumentException($"'{name}' names no grid axis.", nameof(name));

    /// <summary><paramref name="config"/> with every axis that <paramref name="which"/> picks set to zero.</summary>
    public static TrialConfig Zeroed(TrialConfig config, Func<AxisDefinition, bool> which)
    {
        foreach (var axis in All)
            if (which(axis)) config = axis.Write(config, Zero);
        return config;
    }

    private static IReadOnlyList<AxisDefinition> InOrder(params string[] names) => names.Select(Named).ToList();
}
