using System.Text;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>Writes DIR/trials.csv, one row per trial in the order given, atomically and whole.</summary>
/// <remarks>The layer columns depend on the deepest trial, so the file cannot grow by appending: it is
/// rewritten from the full list each time (temp file + rename).</remarks>
public static class TrialsCsvWriter
{
    public const string FileName = "trials.csv";

    /// <summary>Writes <paramref name="results"/> to <paramref name="directory"/>/trials.csv; returns the path.</summary>
    public static string Write(string directory, IReadOnlyList<TrialResult> results)
    {
        var path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, Format(results));
        return path;
    }

    /// <summary>The CSV text: a header line, then one line per result ('\n' line ends, RFC 4180 quoting).</summary>
    public static string Format(IReadOnlyList<TrialResult> results)
    {
        var header = TrialCsvFlattener.Header(results);
        var text = new StringBuilder();
        Csv.AppendLine(text, header);
        foreach (var result in results)
            Csv.AppendLine(text, TrialCsvFlattener.Row(result, header));
        return text.ToString();
    }
}
