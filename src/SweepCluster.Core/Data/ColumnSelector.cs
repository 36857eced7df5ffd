using System.Globalization;

namespace SweepCluster.Core.Data;

/// <summary>Parses a column selection such as "x1,x2", "0,3" or "0-3" against a CSV header into column indices.</summary>
public static class ColumnSelector
{
    // A wide header (e.g. 785 MNIST pixel columns) is listed only this far in an error message.
    private const int ListedColumns = 20;

    /// <summary>Comma-separated items, each a column name, a 0-based index or an inclusive index range "a-b"; the
    /// result keeps the order given. A name is matched first, so a column literally named "3" wins over index 3.</summary>
    /// <exception cref="UserInputException">An empty selection or item, an unknown name, an index outside the header,
    /// a backward range, or a column selected twice.</exception>
    public static int[] Parse(string spec, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (string.IsNullOrWhiteSpace(spec))
            throw new UserInputException($"the column selection is empty; give column names, 0-based indices or ranges such as 0-3 ({Describe(header)}).");

        var nameIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < header.Count; c++) nameIndex.TryAdd(header[c], c);

        var selected = new List<int>();
        var seen = new HashSet<int>();
        foreach (string raw in spec.Split(','))
        {
            string item = raw.Trim();
            if (item.Length == 0)
                throw new UserInputException($"the column selection '{spec}' has an empty item; separate names, indices or ranges by single commas.");
            foreach (int column in Resolve(item, header, nameIndex))
            {
                if (!seen.Add(column))
                    throw new UserInputException(
                        $"the column selection '{spec}' selects column {column} '{header[column]}' twice; list each column once.");
                selected.Add(column);
            }
        }
        return selected.ToArray();
    }

    private static IEnumerable<int> Resolve(string item, IReadOnlyList<string> header, Dictionary<string, int> nameIndex)
    {
        if (nameIndex.TryGetValue(item, out int named)) return [named];
        if (TryIndex(item, out int index)) return [CheckIndex(item, index, header)];

        int dash = item.IndexOf('-', 1); // from 1: a leading '-' is a sign, not a range
        if (dash > 0 && TryIndex(item[..dash].Trim(), out int from) && TryIndex(item[(dash + 1)..].Trim(), out int to))
        {
            CheckIndex(item, from, header);
            CheckIndex(item, to, header);
            if (to < from)
                throw new UserInputException($"the column range '{item}' runs backward; write the lower index first, e.g. {to}-{from}.");
            return Enumerable.Range(from, to - from + 1);
        }
        throw new UserInputException($"'{item}' is neither a column name nor a 0-based index or range; use one of {Describe(header)}.");
    }

    private static bool TryIndex(string text, out int index) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index);

    private static int CheckIndex(string item, int index, IReadOnlyList<string> header) =>
        index >= 0 && index < header.Count
            ? index
            : throw new UserInputException($"column index {index} in '{item}' is outside the header; use one of {Describe(header)}.");

    private static string Describe(IReadOnlyList<string> header)
    {
        if (header.Count == 0) return "no columns (the header is empty)";
        var listed = header.Take(ListedColumns).Select((name, i) => $"{i} '{name}'");
        string more = header.Count > ListedColumns ? $", ... ({header.Count - ListedColumns} more)" : "";
        return $"the {header.Count} columns {string.Join(", ", listed)}{more} (indices 0-{header.Count - 1})";
    }
}
