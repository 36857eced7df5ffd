using SweepCluster.Core.Grid;
using SweepCluster.Core.Statistics;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>Folds trial results, one at a time, into bound-versus-depth curves: per (<see cref="CurveKey"/>, depth)
/// running statistics over seeds of every <see cref="CurveQuantities"/> quantity. Not thread-safe: one owner
/// (the result files, whose rows the metrics show too) feeds it.</summary>
/// <remarks>Adding a result costs O(1) amortized: it appends the seed's values to one cell. Nothing is recomputed per
/// result; <see cref="Rows"/> summarizes each cell (Student t-interval of <c>SeedStatistics.Summarize</c>) when asked.
/// A trial id is counted once: a repeated delivery is ignored, and a completion replaces an earlier failure of the
/// same trial (a resumed sweep may retry it), so the outcome does not depend on arrival order.</remarks>
public sealed class CurveAggregator
{
    private readonly double _level;
    private readonly Dictionary<(CurveKey Key, int Depth), CurveCell> _cells = [];
    private readonly Dictionary<TrialId, Counted> _counted = [];

    /// <summary>An empty aggregator whose intervals have confidence <paramref name="level"/>.</summary>
    public CurveAggregator(double level = 0.95)
    {
        // Checked here rather than at the first query, far from the code that chose the level.
        ConfidenceInterval.ValidateLevel(level);
        _level = level;
    }

    /// <summary>Completed results counted in the curves.</summary>
    public int CompletedCount { get; private set; }

    /// <summary>Failed results counted (and left out of every mean).</summary>
    public int FailedCount { get; private set; }

    /// <summary>Folds in <paramref name="result"/>; false when it changed nothing (a trial already counted).</summary>
    public bool Add(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var key = CurveKey.Of(result.Config);
        var cell = CellFor(key, result.Config.Depth);

        if (_counted.TryGetValue(result.TrialId, out var earlier))
        {
            if (earlier == Counted.Completed || result.Status != TrialStatus.Completed) return false;
            // A retried trial that now completed: its earlier failure no longer stands.
            cell.NFailed--;
            FailedCount--;
        }

        if (result.Status == TrialStatus.Completed)
        {
            cell.Add(result);
            CompletedCount++;
            _counted[result.TrialId] = Counted.Completed;
        }
        else
        {
            cell.NFailed++;
            FailedCount++;
            _counted[result.TrialId] = Counted.Failed;
        }
        return true;
    }

    /// <summary>Folds in every result of <paramref name="results"/>, in order.</summary>
    public void AddRange(IEnumerable<TrialResult> results)
    {
        foreach (var result in results) Add(result);
    }

    /// <summary>One row per (key, depth) seen, sorted by key then depth.</summary>
    public IReadOnlyList<CurveRow> Rows() =>
        _cells.OrderBy(c => c.Key.Key).ThenBy(c => c.Key.Depth)
            .Select(c => c.Value.Summarize(c.Key.Key, c.Key.Depth, _level))
            .ToList();

    /// <summary>The row of (<paramref name="key"/>, <paramref name="depth"/>), or null when no trial of it has ended.</summary>
    public CurveRow? Row(CurveKey key, int depth) =>
        _cells.TryGetValue((key, depth), out var cell) ? cell.Summarize(key, depth, _level) : null;

    private CurveCell CellFor(CurveKey key, int depth)
    {
        if (!_cells.TryGetValue((key, depth), out var cell))
            _cells[(key, depth)] = cell = new CurveCell(depth);
        return cell;
    }

    private enum Counted { Completed, Failed }
}
