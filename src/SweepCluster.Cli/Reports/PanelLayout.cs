using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Cli.Reports;

/// <summary>One curve of a panel: its key, its legend label (the values of the colour axes, empty when the panel holds
/// one curve) and its colour's index, which is the same for the same setting in every panel.</summary>
internal sealed record PanelSeries(CurveKey Key, string Label, int Color);

/// <summary>A cell of the figure's grid and the curves drawn in it; the title names the panel axes' values.</summary>
internal sealed record Panel(int Row, int Column, string Title, IReadOnlyList<PanelSeries> Series);

/// <summary>Small multiples for a sweep: the axes that vary besides depth are split between colour (at most
/// <c>seriesPerPanel</c> settings share a panel, so its legend stays short) and the panel grid (one column per value
/// of one axis, one row per combination of the rest, mode outermost so each mode reads as its own block).</summary>
internal sealed record PanelLayout(int Rows, int Columns, IReadOnlyList<Panel> Panels, IReadOnlyList<string> ColourAxes)
{
    /// <summary>More columns than this make panels too narrow to read; such an axis goes to the rows.</summary>
    public const int MaxColumns = 5;

    public static PanelLayout Of(IEnumerable<CurveKey> curveKeys, int seriesPerPanel)
    {
        var keys = curveKeys.Distinct().Order().ToList();
        if (keys.Count == 0) return new PanelLayout(0, 0, [], []);
        var names = CurveKey.ColumnNames;
        var values = keys.ToDictionary(k => k, k => k.Values());
        var levels = Enumerable.Range(0, names.Count)
            .Select(i => keys.Select(k => values[k][i]).Distinct().Order(ValueOrder.Instance).ToList())
            .ToList();
        var varying = Enumerable.Range(0, names.Count).Where(i => levels[i].Count > 1).ToList();
        int mode = names.ToList().IndexOf(AxisNames.Mode);

        // Colour takes the axes with the most values that fit together, so the fewest panels are needed.
        var colour = new List<int>();
        int settings = 1;
        foreach (var axis in varying.Where(i => i != mode).OrderByDescending(i => levels[i].Count).ThenBy(i => i))
        {
            if (settings * levels[axis].Count > Math.Max(seriesPerPanel, 1)) continue;
            colour.Add(axis);
            settings *= levels[axis].Count;
        }
        colour.Sort();
        var rest = varying.Where(i => i != mode && !colour.Contains(i)).ToList();
        int? column = rest.Where(i => levels[i].Count <= MaxColumns)
            .OrderByDescending(i => levels[i].Count).ThenBy(i => i).Cast<int?>().FirstOrDefault();
        var rowAxes = (varying.Contains(mode) ? [mode] : new List<int>()).Concat(rest.Where(i => i != column)).ToList();

        string Setting(CurveKey key, IEnumerable<int> axes) =>
            string.Join(", ", axes.Select(i => $"{names[i]}={key.Cells()[i]}"));
        List<object> Tuple(CurveKey key, IEnumerable<int> axes) => axes.Select(i => values[key][i]).ToList();

        var rowTuples = keys.Select(k => Tuple(k, rowAxes)).DistinctBy(Joined).ToList();
        var colourTuples = keys.Select(k => Tuple(k, colour)).DistinctBy(Joined).ToList();
        var columnValues = column is { } c ? levels[c] : [null!];
        var panels = new List<Panel>();
        for (int row = 0; row < rowTuples.Count; row++)
        for (int col = 0; col < columnValues.Count; col++)
        {
            var members = keys.Where(k => Joined(Tuple(k, rowAxes)) == Joined(rowTuples[row]) &&
                                          (column is not { } ci || Equals(values[k][ci], columnValues[col]))).ToList();
            if (members.Count == 0) continue;
            var panelAxes = rowAxes.Concat(column is { } a ? [a] : []).Order().ToList();
            // A panel that no axis tells apart from the others (one curve, or every curve in colour) names the
            // settings a reader looks for first.
            var title = panelAxes.Count > 0 ? Setting(members[0], panelAxes)
                : colour.Count > 0 ? "all curves"
                : Setting(members[0], [names.ToList().IndexOf(AxisNames.Width), names.ToList().IndexOf(AxisNames.ActNoise)]);
            var series = members.Select(k => new PanelSeries(k, Setting(k, colour),
                colourTuples.FindIndex(t => Joined(t) == Joined(Tuple(k, colour))))).ToList();
            panels.Add(new Panel(row, col, title, series));
        }
        return new PanelLayout(rowTuples.Count, columnValues.Count, panels, colour.Select(i => names[i]).ToList());
    }

    private static string Joined(List<object> tuple) => string.Join("\u001f", tuple);

    /// <summary>Numbers by value, words ordinally: axis values in the order a reader expects.</summary>
    private sealed class ValueOrder : IComparer<object>
    {
        public static readonly ValueOrder Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (int a, int b) => a.CompareTo(b),
            (double a, double b) => a.CompareTo(b),
            _ => string.CompareOrdinal(x?.ToString(), y?.ToString()),
        };
    }
}
