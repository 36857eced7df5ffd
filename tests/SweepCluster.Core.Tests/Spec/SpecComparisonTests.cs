using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

public sealed class SpecComparisonTests
{
    private const string Base = """
        name: grow
        training:
          epochs: 5
        grid:
          depth: [1, 2]
          width: 8
          act_noise: [0, 1]
        seeds: 2
        """;

    private static SweepSpec Parse(string yaml) => SpecLoader.Parse(yaml, "spec.yaml");

    [Fact]
    public void Adding_depths_noise_levels_and_seeds_is_compatible_and_adds_exactly_the_new_trials()
    {
        var grown = Base.Replace("depth: [1, 2]", "depth: [1, 2, 3]").Replace("act_noise: [0, 1]", "act_noise: [0, 1, 2]")
            .Replace("seeds: 2", "seeds: 3");
        var comparison = SpecComparison.Compare(Parse(Base), Parse(grown));

        Assert.True(comparison.Compatible, string.Join("; ", comparison.Differences));
        var before = GridExpander.Expand(Parse(Base)).Select(t => t.Id).ToHashSet();
        var after = GridExpander.Expand(Parse(grown));
        Assert.Equal(3 * 3 * 3 - 2 * 2 * 2, comparison.Added.Count);
        Assert.Equal(after.Where(t => !before.Contains(t.Id)).Select(t => t.Id), comparison.Added.Select(t => t.Id));
    }

    [Fact]
    public void The_same_spec_is_compatible_and_adds_nothing()
    {
        var comparison = SpecComparison.Compare(Parse(Base), Parse(Base));
        Assert.True(comparison.Compatible);
        Assert.Empty(comparison.Added);
    }

    [Fact]
    public void A_changed_fixed_setting_and_removed_points_are_each_listed()
    {
        var changed = Base.Replace("epochs: 5", "epochs: 6").Replace("depth: [1, 2]", "depth: [2]").Replace("seeds: 2", "seeds: 1");
        var comparison = SpecComparison.Compare(Parse(Base), Parse(changed));

        Assert.False(comparison.Compatible);
        Assert.Equal(["training.epochs: 5 -> 6", "grid.depth: 1 removed", "seeds: 1 removed"], comparison.Differences);
    }

    [Fact]
    public void A_removed_axis_and_a_renamed_sweep_are_differences()
    {
        var changed = Base.Replace("name: grow", "name: other").Replace("  act_noise: [0, 1]\n", "");
        var comparison = SpecComparison.Compare(Parse(Base), Parse(changed));
        Assert.Contains("name: grow -> other", comparison.Differences);
        Assert.Contains("grid.act_noise: axis removed (was 0, 1)", comparison.Differences);
    }
}
