
namespace SweepCluster.Core.Spec;

/// <summary>A sweep's size counted from its axis lengths and seeds, without expanding anything, so a grid that could
/// never be run is refused in microseconds instead of after gigabytes of planning.</summary>
public static class GridSize
{
    /// <summary>The most trials one sweep may hold: planning, the journal and the result files all grow with it.</summary>
    public const long MaxTrials = 1_000_000;

    /// <summary>The most values one axis may list (a grid needs tens; this only stops a runaway file early).</summary>
    public const int MaxAxisValues = 10_000;

    /// <summary>Trials = product of the axis lengths times the seeds; a double cannot overflow for any real spec.</summary>
    public static double TrialCount(SweepSpec spec) =>
        spec.Grid.Aggregate((double)spec.Seeds.Count * (spec.Cmi?.Draws ?? 1), (product, axis) => product * axis.Values.Count);

    /// <exception cref="UserInputException">The sweep has more than <see cref="MaxTrials"/> trials.</exception>
    public static void Check(SweepSpec spec)
    {
        double trials = TrialCount(spec);
        if (trials <= MaxTrials) return;
        string factors = string.Join(" x ", spec.Grid.Select(axis => $"{axis.Values.Count} {axis.Name}").Append(spec.Seeds.Count == 1 ? "1 seed" : $"{spec.Seeds.Count} seeds")
            .Concat(spec.Cmi is { } cmi ? [$"{cmi.Supersamples} supersamples", $"{cmi.Selections} selections"] : []));
        throw new UserInputException(
            $"{Path.GetFileName(spec.SourcePath)}: the grid has {trials:0.###e+0} trials ({factors}), more than the limit of {MaxTrials:N0}; split it into several sweeps or list fewer values.");
    }
}
