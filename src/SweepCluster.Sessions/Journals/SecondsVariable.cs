using System.Globalization;
using SweepCluster.Core;

namespace SweepCluster.Sessions.Journals;

/// <summary>An environment variable that holds a number of seconds, above 0 and at most a day; <paramref name="Unset"/>
/// when it is not set.</summary>
public sealed record SecondsVariable(string Name, TimeSpan Unset)
{
    /// <exception cref="UserInputException">The variable is set but is not such a number.</exception>
    public TimeSpan FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Name));

    /// <exception cref="UserInputException">The text is set but is not such a number.</exception>
    internal TimeSpan Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Unset;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && seconds <= 86_400)
            return TimeSpan.FromSeconds(seconds);
        throw new UserInputException($"{Name} is '{text}', not a number of seconds above 0 and at most 86400; unset it, or give one such as 600.");
    }
}
