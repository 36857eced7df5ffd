using System.ComponentModel;
using System.Globalization;

namespace SweepCluster.Cli.Commands;

/// <summary>A help text that quotes numeric constants (defaults, limits) from where they are defined. Spectre.Console.Cli
/// reads any <see cref="DescriptionAttribute"/>, and a constant interpolated string may hold only strings, so the numbers
/// are put into <paramref name="format"/> here, invariantly, as in string.Format.</summary>
[AttributeUsage(AttributeTargets.All)]
internal sealed class DescriptionOfAttribute(string format, params object[] values)
    : DescriptionAttribute(string.Format(CultureInfo.InvariantCulture, format, values));
