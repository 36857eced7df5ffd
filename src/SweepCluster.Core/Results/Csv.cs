using System.Globalization;
using System.Text;

namespace SweepCluster.Core.Results;

/// <summary>The small CSV dialect every results file uses: comma separated, '\n' line ends, RFC 4180 quoting.</summary>
public static class Csv
{
    /// <summary>Appends one record to <paramref name="text"/>.</summary>
    public static void AppendLine(StringBuilder text, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) text.Append(',');
            first = false;
            AppendCell(text, cell);
        }
        text.Append('\n');
    }

    /// <summary>A number as culture-free round-trip text; blank for null.</summary>
    public static string Number(double? value) =>
        value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>Splits CSV text into records (quoted cells may hold commas, quotes and line breaks).</summary>
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n')
            {
                record.Add(cell.ToString());
                cell.Clear();
                records.Add([.. record]);
                record.Clear();
            }
            else if (c != '\r') cell.Append(c);
        }
        if (cell.Length > 0 || record.Count > 0)
        {
            record.Add(cell.ToString());
            records.Add([.. record]);
        }
        return records;
    }

    private static void AppendCell(StringBuilder text, string cell)
    {
        if (cell.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            text.Append(cell);
            return;
        }
        text.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
    }
}
