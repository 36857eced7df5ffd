using System.Globalization;

namespace SweepCluster.Core.Spec;

/// <summary>What values each grid axis accepts: whole numbers, numbers in a range, or words from a list.</summary>
internal static class AxisRules
{
    public static readonly IReadOnlyList<string> Activations = SpecWords.All<ActivationKind>();
    public static readonly IReadOnlyList<string> Optimizers = SpecWords.All<OptimizerKind>();
    public static readonly IReadOnlyList<string> Modes = SpecWords.All<TrainingMode>();

    /// <summary>Parses and range-checks one value of an axis; returns null with the reason when it is refused.</summary>
    public static (AxisValue? Value, string? Problem) Parse(string axis, string text)
    {
        text = text.Trim();
        switch (axis)
        {
            case AxisNames.Activation: return Word(text, Activations);
            case AxisNames.Optimizer: return Word(text, Optimizers);
            case AxisNames.Mode: return Word(text, Modes);
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            return (null, $"must be a number, not '{text}'");
        bool whole = v == Math.Floor(v);
        return axis switch
        {
            AxisNames.Depth or AxisNames.Width or AxisNames.TrainSize or AxisNames.Epochs or AxisNames.BatchSize when !whole =>
                (null, $"must be a whole number, not '{text}'"),
            AxisNames.Depth or AxisNames.Width or AxisNames.TrainSize or AxisNames.Epochs or AxisNames.BatchSize when v < 1 || v > 1_000_000 =>
                (null, $"is {text}, but must be a whole number from 1 to 1000000"),
            AxisNames.ActNoise or AxisNames.SgldNoise or AxisNames.InputNoise or AxisNames.Clip when v < 0 =>
                (null, $"is {text}, but must not be negative"),
            AxisNames.LabelNoise when v is < 0 or > 1 => (null, $"is {text}, but must lie in [0, 1]"),
            AxisNames.Dropout when v is < 0 or >= 1 => (null, $"is {text}, but must lie in [0, 1) (dropout 1 drops every unit)"),
            AxisNames.LearningRate when v <= 0 => (null, $"is {text}, but must be positive"),
            _ when NumberLimits.ForAxis(axis) is { } max && v > max =>
                (null, $"is {text}, above its limit {max.ToString(CultureInfo.InvariantCulture)} (training runs in 32-bit floats)"),
            // + 0.0 turns -0 into 0: both mean the same setting and must give the same trial id.
            _ => (AxisValue.Of(v + 0.0), null),
        };
    }

    private static (AxisValue?, string?) Word(string text, IReadOnlyList<string> allowed) =>
        allowed.Contains(text) ? (AxisValue.Of(text), null) : (null, $"is '{text}', which is not one of {string.Join(", ", allowed)}");
}
