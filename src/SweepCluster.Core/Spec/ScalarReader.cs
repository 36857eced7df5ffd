using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace SweepCluster.Core.Spec;

/// <summary>Reads typed scalars out of YAML nodes, with range checks that fail as one clear sentence.</summary>
internal sealed class ScalarReader(SpecErrors errors)
{
    public string Text(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } value }) return value;
        throw errors.At(node, field, "must be a single value, not a list or a mapping; write it as 'key: value'.");
    }

    public double Number(YamlNode node, string field, double min = double.NegativeInfinity, bool minExclusive = false,
        double max = double.PositiveInfinity, bool maxExclusive = false)
    {
        string text = Text(node, field);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw errors.At(node, field, $"must be a number, not '{text}'.");
        bool tooLow = minExclusive ? value <= min : value < min;
        bool tooHigh = maxExclusive ? value >= max : value > max;
        if (tooLow || tooHigh)
            throw errors.At(node, field, $"is {text}, outside its range {Range(min, minExclusive, max, maxExclusive)}; give a value in that range.");
        return value + 0.0; // -0 becomes 0, so the two spellings give the same trial id
    }

    public int Integer(YamlNode node, string field, int min = int.MinValue, int max = int.MaxValue)
    {
        string text = Text(node, field);
        // Numbers may be written in any form (1e6, 1000000.0); a whole number is checked against the range as a
        // double first, so 1e9 or 1e308 is refused as out of range instead of overflowing an int.
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            || !double.IsFinite(number) || number != Math.Floor(number))
            throw errors.At(node, field, $"must be a whole number, not '{text}'.");
        if (number < min || number > max)
            throw errors.At(node, field, $"is {text}, outside its range {Range(min, false, max, false)}; give a value in that range.");
        int value = (int)number;
        if (value < min || value > max)
            throw errors.At(node, field, $"is {text}, outside its range {Range(min, false, max, false)}; give a value in that range.");
        return value;
    }

    public string Word(YamlNode node, string field, IReadOnlyList<string> allowed)
    {
        string text = Text(node, field).Trim();
        if (allowed.Contains(text)) return text;
        throw errors.At(node, field, $"is '{text}', which is not one of {string.Join(", ", allowed)}; use one of those.");
    }

    /// <summary>A word of the closed vocabulary <typeparamref name="T"/> (<see cref="SpecWords"/>), parsed here once,
    /// refused as <see cref="Word(YamlNode, string, IReadOnlyList{string})"/> refuses a word outside its list.</summary>
    public T Word<T>(YamlNode node, string field) where T : struct, Enum => SpecWords.Parse<T>(Word(node, field, SpecWords.All<T>()));

    private static string Range(double min, bool minExclusive, double max, bool maxExclusive)
    {
        string low = double.IsNegativeInfinity(min) ? "(-inf" : (minExclusive ? "(" : "[") + min.ToString(CultureInfo.InvariantCulture);
        string high = max is double.PositiveInfinity or int.MaxValue ? "inf)" : max.ToString(CultureInfo.InvariantCulture) + (maxExclusive ? ")" : "]");
        return $"{low}, {high}";
    }
}
