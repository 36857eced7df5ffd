using System.Text.Json;
using System.Text.Json.Nodes;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Grid;

/// <summary>Whether a spec may continue a sweep that ran another: it may only add grid points and seeds. Any change
/// to a fixed setting, or a point or seed taken away, is a difference that makes the specs incompatible.</summary>
public sealed record SpecComparison(IReadOnlyList<string> Differences, IReadOnlyList<PlannedTrial> Added)
{
    public bool Compatible => Differences.Count == 0;

    /// <param name="givenTrials">The given spec's trials when the caller has expanded it already (a large grid costs
    /// seconds to expand); null: expanded here.</param>
    public static SpecComparison Compare(SweepSpec recorded, SweepSpec given, IReadOnlyList<PlannedTrial>? givenTrials = null)
    {
        var differences = new List<string>();
        if (recorded.Name != given.Name) differences.Add($"name: {recorded.Name} -> {given.Name}");
        CompareSection("dataset", recorded.Dataset, given.Dataset, differences);
        CompareSection("model", recorded.Model, given.Model, differences);
        CompareSection("training", recorded.Training, given.Training, differences);
        CompareSection("information", recorded.Information, given.Information, differences);
        CompareCmi(recorded.Cmi, given.Cmi, differences);
        CompareGrid(recorded, given, differences);
        var removedSeeds = recorded.Seeds.Except(given.Seeds).ToList();
        if (removedSeeds.Count > 0) differences.Add($"seeds: {string.Join(", ", removedSeeds)} removed");

        var before = GridExpander.Expand(recorded);
        var after = givenTrials ?? GridExpander.Expand(given);
        var afterIds = after.Select(t => t.Id).ToHashSet();
        int lost = before.Count(t => !afterIds.Contains(t.Id));
        // Caught above in nearly every case; this names what the axis and seed checks cannot see (e.g. a default
        // that an axis left out no longer matches).
        if (lost > 0 && differences.Count == 0)
            differences.Add($"{lost} of the recorded sweep's {before.Count} trials are not in the new grid");
        var beforeIds = before.Select(t => t.Id).ToHashSet();
        return new SpecComparison(differences, after.Where(t => !beforeIds.Contains(t.Id)).ToList());
    }

    /// <summary>A CMI sweep may grow by more supersamples or selections; adding or dropping the section changes every trial.</summary>
    private static void CompareCmi(CmiSettings? recorded, CmiSettings? given, List<string> differences)
    {
        if (recorded is null && given is null) return;
        if (recorded is null || given is null)
        {
            differences.Add(recorded is null ? "cmi: section added" : "cmi: section removed");
            return;
        }
        if (given.Supersamples < recorded.Supersamples) differences.Add($"cmi.supersamples: {recorded.Supersamples} -> {given.Supersamples} (fewer)");
        if (given.Selections < recorded.Selections) differences.Add($"cmi.selections: {recorded.Selections} -> {given.Selections} (fewer)");
    }

    private static void CompareGrid(SweepSpec recorded, SweepSpec given, List<string> differences)
    {
        var axes = given.Grid.ToDictionary(a => a.Name, a => a.Values);
        foreach (var axis in recorded.Grid)
        {
            if (!axes.TryGetValue(axis.Name, out var values))
            {
                differences.Add($"grid.{axis.Name}: axis removed (was {Join(axis.Values)})");
                continue;
            }
            var removed = axis.Values.Except(values).ToList();
            if (removed.Count > 0) differences.Add($"grid.{axis.Name}: {Join(removed)} removed");
        }
    }

    private static void CompareSection<T>(string section, T recorded, T given, List<string> differences)
    {
        var before = Flatten(section, JsonSerializer.SerializeToNode(recorded, TrialJson.Options));
        var after = Flatten(section, JsonSerializer.SerializeToNode(given, TrialJson.Options));
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            string was = before.GetValueOrDefault(key, "(unset)"), now = after.GetValueOrDefault(key, "(unset)");
            if (was != now) differences.Add($"{key}: {was} -> {now}");
        }
    }

    private static Dictionary<string, string> Flatten(string prefix, JsonNode? node)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
            foreach (var (key, child) in obj)
                foreach (var leaf in Flatten($"{prefix}.{key}", child)) leaves[leaf.Key] = leaf.Value;
        else
            leaves[prefix] = node?.ToJsonString(TrialJson.Options) ?? "null";
        return leaves;
    }

    private static string Join(IEnumerable<AxisValue> values) =>
        string.Join(", ", values.Select(v => v.ToString()));
}
