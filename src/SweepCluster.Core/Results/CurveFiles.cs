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

    /// <summary>curves.csv's header: the key columns, depth, n_seeds, n_failed, then per quantity
    /// &lt;quantity&gt;_n, _mean, _ci_low, _ci_high.</summary>
    public static readonly IReadOnlyList<string> CsvHeader =
    [
        .. CurveKey.ColumnNames, "depth", "n_seeds", "n_failed",
        .. CurveQuantities.All.SelectMany(q => QuantitySuffixes.Select(s => $"{q}_{s}")),
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

    /// <summary>curves.csv's text; blank cells where a quantity has no value (or too few seeds for an interval).</summary>
    public static string FormatCsv(IReadOnlyList<CurveRow> rows)
    {
        var text = new StringBuilder();
        Csv.AppendLine(text, CsvHeader);
        foreach (var row in Sorted(rows))
        {
            var cells = new List<string>(CsvHeader.Count);
            cells.AddRange(row.Key.Cells());
            cells.Add(Integer(row.Depth));
            cells.Add(Integer(row.NSeeds));
            cells.Add(Integer(row.NFailed));
            foreach (var name in CurveQuantities.All)
            {
                var q = row.Get(name);
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

    /// <summary>Reads curves.json back into rows.</summary>
    public static IReadOnlyList<CurveRow> ReadJson(string path) =>
        TrialJson.Deserialize<CurvesDocument>(File.ReadAllText(path)).Rows.Select(r => r.ToRow()).ToList();

    private static IEnumerable<CurveRow> Sorted(IReadOnlyList<CurveRow> rows) =>
        rows.OrderBy(r => r.Key).ThenBy(r => r.Depth);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
