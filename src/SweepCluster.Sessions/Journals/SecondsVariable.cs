using System.Globalization;
using SweepCluster.Core;

namespace SweepCluster.Sessions.Journals;

/// <summary>An environment variable that holds a number of seconds, above 0 and at most a day.</summary>
internal static class SecondsVariable
{
    /// <exception cref="UserInputException">The text is set but is not such a number.</exception>
    public static TimeSpan Parse(string variable, string? text, TimeSpan unset)
    {
        if (string.IsNullOrWhiteSpace(text)) return unset;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && seconds <= 86_400)
            return TimeSpan.FromSeconds(seconds);
        throw new UserInputException($"{variable} is '{text}', not a number of seconds above 0 and at most 86400; unset it, or give one such as 600.");
    }
}
