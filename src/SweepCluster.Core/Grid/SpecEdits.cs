using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Grid;

/// <summary>What an edited spec changes against the recorded one, key by key: the changes that cannot continue a sweep
/// (<see cref="SpecComparison"/>) and the grid values and seeds it adds. Said to the user when `resume` keeps the
/// journal's spec over an edited copy of it.</summary>
public static class SpecEdits
{
    public static IReadOnlyList<string> Between(SweepSpec recorded, SweepSpec edited)
    {
        var edits = SpecComparison.Compare(recorded, edited).Differences.ToList();
        var axes = recorded.Grid.ToDictionary(a => a.Name, a => a.Values);
        foreach (var axis in edited.Grid)
        {
            if (!axes.TryGetValue(axis.Name, out var before)) edits.Add($"grid.{axis.Name}: axis added ({Join(axis.Values)})");
            else if (axis.Values.Except(before).ToList() is { Count: > 0 } added) edits.Add($"grid.{axis.Name}: {Join(added)} added");
        }
        if (edited.Seeds.Except(recorded.Seeds).ToList() is { Count: > 0 } seeds) edits.Add($"seeds: {Join(seeds)} added");
        return edits;
    }

    private static string Join<T>(IEnumerable<T> values) => string.Join(", ", values);
}
