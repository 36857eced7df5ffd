using System.Globalization;
using System.Text;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>Writes the curves as DIR/curves.csv and DIR/curves.json (per-seed values too), each atomically,
/// one row per (key, depth) sorted by key then depth.</summary>
public static class CurveFiles
{
    public const string CsvFileName = "curves.csv";
    public const string JsonFileName = "curves.json";

    /// <summary>The suffixes of each quantity's columns, in order.</summary>
    public static readonly IReadOnlyList<string> QuantitySuffixes = ["n", "mean", "ci_low", "ci_high"];

    /// <summary>curves.csv's header for a sweep whose deepest row has depth <paramref name="maxDepth"/>: the key
    /// columns, depth, n_seeds, n_failed, then per quantity of <see cref="CurveQuantities.ForDepth"/>
    /// &lt;quantity&gt;_n, _mean, _ci_low, _ci_high.</summary>
    public static IReadOnlyList<string> CsvHeader(int maxDepth) =>
    [
        .. CurveKey.ColumnNames, "depth", "n_seeds", "n_failed",
        .. CurveQuantities.ForDepth(maxDepth).SelectMany(q => QuantitySuffixes.Select(s => $"{q}_{s}")),
    ];

    /// <summary>Writes both files into <paramref name="directory"/>; returns their paths.</summary>
    public static (string CsvPath, string JsonPath) Write(string directory, IReadOnlyList<CurveRow> rows)
    {
        var csvPath = Path.Combine(directory, CsvFileName);
        var jsonPath = Path.Combine(directory, JsonFileName);
        AtomicFile.WriteAllText(csvPath, FormatCsv(rows));
        AtomicFile.WriteAllText(jsonPath, FormatJson(rows));
        return (csvPath, jsonPath);
    }

    /// <summary>curves.csv's text; blank cells where a quantity has no value (or too few seeds for an interval), and
    /// all four cells blank for a layer deeper than the row's depth.</summary>
    public static string FormatCsv(IReadOnlyList<CurveRow> rows)
    {
        var text = new StringBuilder();
        var maxDepth = rows.Count == 0 ? 0 : rows.Max(r => r.Depth);
        var header = CsvHeader(maxDepth);
        var quantities = CurveQuantities.ForDepth(maxDepth);
        Csv.AppendLine(text, header);
        foreach (var row in Sorted(rows))
        {
            var cells = new List<string>(header.Count);
            cells.AddRange(row.Key.Cells());
            cells.Add(Integer(row.Depth));
            cells.Add(Integer(row.NSeeds));
            cells.Add(Integer(row.NFailed));
            // By name once per row: a deep sweep has hundreds of columns, and a linear lookup per column would be quadratic.
            var byName = row.Quantities.ToDictionary(q => q.Name, StringComparer.Ordinal);
            foreach (var name in quantities)
            {
                if (!byName.TryGetValue(name, out var q))
                {
                    cells.AddRange(QuantitySuffixes.Select(_ => ""));
                    continue;
                }
                cells.Add(Integer(q.N));
                cells.Add(Csv.Number(q.Mean));
                cells.Add(Csv.Number(q.CiLow));
                cells.Add(Csv.Number(q.CiHigh));
            }
            Csv.AppendLine(text, cells);
        }
        return text.ToString();
    }

    /// <summary>curves.json's text: <c>{"rows": [...]}</c>, each row the key fields, depth, n_seeds, n_failed and
    /// <c>quantities</c>: name -&gt; {n, mean, ci_low, ci_high, per_seed: [{seed, value}]}.</summary>
    public static string FormatJson(IReadOnlyList<CurveRow> rows) =>
        TrialJson.Serialize(new CurvesDocument(Sorted(rows).Select(CurveJsonRow.From).ToList()), indented: true) + "\n";

    /// <summary>Reads curves.json back into rows (for the tests' round trip; nothing in the product reads it).</summary>
    internal static IReadOnlyList<CurveRow> ReadJson(string path) =>
        TrialJson.Deserialize<CurvesDocument>(File.ReadAllText(path)).Rows.Select(r => r.ToRow()).ToList();

    private static IEnumerable<CurveRow> Sorted(IReadOnlyList<CurveRow> rows) =>
        rows.OrderBy(r => r.Key).ThenBy(r => r.Depth);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
