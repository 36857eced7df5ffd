using System.Globalization;

namespace SweepCluster.Core.Spec;

/// <summary>What values each grid axis accepts (its <see cref="AxisDefinition"/>): whole numbers, numbers in a range,
/// or words from a list; and the range rules the table names.</summary>
internal static class AxisRules
{
    /// <summary>Parses and range-checks one value of an axis; returns null with the reason when it is refused.</summary>
    public static (AxisValue? Value, string? Problem) Parse(string axis, string text) => Parse(GridAxes.Named(axis), text);

    private static (AxisValue? Value, string? Problem) Parse(AxisDefinition axis, string text)
    {
        text = text.Trim();
        if (axis.Kind == AxisKind.Word) return Word(text, axis.Words!);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            return (null, $"must be a number, not '{text}'");
        if (axis.Kind == AxisKind.Whole && v != Math.Floor(v)) return (null, $"must be a whole number, not '{text}'");
        if (axis.Kind == AxisKind.Whole && (v < 1 || v > 1_000_000))
            return (null, $"is {text}, but must be a whole number from 1 to 1000000");
        if (axis.Refuse?.Invoke(v, text) is { } problem) return (null, problem);
        if (axis.Max is { } max && v > max)
            return (null, $"is {text}, above its limit {max.ToString(CultureInfo.InvariantCulture)} (training runs in 32-bit floats)");
        // + 0.0 turns -0 into 0: both mean the same setting and must give the same trial id.
        return (AxisValue.Of(v + 0.0), null);
    }

    public static string? Negative(double v, string text) => v < 0 ? $"is {text}, but must not be negative" : null;

    public static string? NotProbability(double v, string text) => v is < 0 or > 1 ? $"is {text}, but must lie in [0, 1]" : null;

    public static string? NotDropRate(double v, string text) =>
        v is < 0 or >= 1 ? $"is {text}, but must lie in [0, 1) (dropout 1 drops every unit)" : null;

    public static string? NotPositive(double v, string text) => v <= 0 ? $"is {text}, but must be positive" : null;

    /// <summary>As dataset.shells: at least two shells (one would be a constant label), at most 1000.</summary>
    public static string? NotShellCount(double v, string text) => v is < 2 or > 1000 ? $"is {text}, but must be from 2 to 1000" : null;

    private static (AxisValue?, string?) Word(string text, IReadOnlyList<string> allowed) =>
        allowed.Contains(text) ? (AxisValue.Of(text), null) : (null, $"is '{text}', which is not one of {string.Join(", ", allowed)}");
}
