using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Grid;

/// <summary>A grid point whose trial cannot fit in the memory budget is refused when the grid is expanded.</summary>
public sealed class TrialMemoryTests
{
    private static IReadOnlyList<PlannedTrial> Expand(string yaml) => GridExpander.Expand(SpecLoader.Parse(yaml, "/specs/wide.yaml"));

    [Theory]
    [InlineData("depth: 2\n  width: 100000")]
    [InlineData("depth: 1\n  width: 1000000\n  act_noise: 1\n  input_noise: 1")]
    [InlineData("depth: [1, 2]\n  width: [4, 100000]")]
    public void A_grid_point_too_large_for_the_budget_is_one_sentence_naming_width(string axes)
    {
        var error = Assert.Throws<UserInputException>(() => Expand($"name: wide\ngrid:\n  {axes}\n"));
        Assert.StartsWith("wide.yaml: the grid point (depth ", error.Message);
        Assert.Contains("more than the budget of 8.6 GB", error.Message);
        Assert.Contains("grid.width", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_shipped_sweeps_fit_the_budget_with_room_to_spare()
    {
        string root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "cluster-config"))) root = Path.GetDirectoryName(root)!;
        foreach (string spec in Directory.GetFiles(Path.Combine(root, "cluster-config", "sweeps"), "*.yaml"))
            foreach (var trial in GridExpander.Expand(SpecLoader.Load(spec)))
                Assert.True(TrialMemory.EstimateBytes(trial.Config) < TrialMemory.BudgetBytes / 10, $"{spec}: {trial.Config}");
    }

    [Fact]
    public void The_weight_matrix_between_two_wide_layers_dominates_the_estimate()
    {
        var trial = Expand("name: w\ngrid:\n  depth: 2\n  width: 10000\n").Single();
        // 10^8 weights x 16 bytes (weights, gradients, two moments) = 1.6 GB, plus the probe's 2 x 256 x 16 x 10^4
        // activations x 12 bytes = 1 GB, plus i_x_t's 2 x 2 x 256 x 10^4 draws x 12 bytes = 0.12 GB and its 0.07 GB block.
        Assert.InRange(TrialMemory.EstimateBytes(trial.Config), 2.7e9, 2.9e9);
    }
}
