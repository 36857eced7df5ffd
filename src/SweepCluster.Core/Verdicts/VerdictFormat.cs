using System.Globalization;

namespace SweepCluster.Core.Verdicts;

/// <summary>How evidence lines print numbers: four significant digits, culture-free, so a report reads the same on
/// every machine.</summary>
public static class VerdictFormat
{
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Number(double? value) => value is { } v ? Number(v) : "undefined";

    /// <summary>"[low, high]" of an interval.</summary>
    public static string Interval(double? low, double? high) => $"[{Number(low)}, {Number(high)}]";
}
