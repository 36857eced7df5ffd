using System.Diagnostics;
using System.Text;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using Xunit.Abstractions;

namespace SweepCluster.Core.Tests.Spec;

/// <summary>The sweep's size is counted from the axis lengths, and a sweep above the limit is refused in one
/// sentence before anything is expanded.</summary>
public sealed class GridSizeTests(ITestOutputHelper output)
{
    /// <summary>Nine axes of ten values: 10^9 trials.</summary>
    private const string BillionTrials = """
        name: huge
        training:
          optimizer: sgd
        grid:
          depth: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
          width: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
          act_noise: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
          sgld_noise: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
          dropout: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
          input_noise: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
          train_size: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
          epochs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
          batch_size: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        """;

    [Fact]
    public void A_grid_of_a_billion_trials_is_refused_when_read_naming_the_count_and_the_limit()
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<UserInputException>(() => SpecLoader.Parse(BillionTrials, "/specs/huge.yaml"));
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine($"refused 10^9 trials in {clock.Elapsed.TotalMilliseconds:0.0} ms, {allocated / 1024.0:0} KiB allocated");
        Assert.StartsWith("huge.yaml: the grid has 1e+9 trials", error.Message);
        Assert.Contains("more than the limit of 1,000,000", error.Message);
        Assert.Contains("x 10 batch_size x 1 seed)", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Seeds_count_toward_the_limit()
    {
        var error = Assert.Throws<UserInputException>(() => SpecLoader.Parse(
            "name: x\ngrid:\n  depth: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n  width: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nseeds: 100000\n", "/specs/x.yaml"));
        Assert.Contains("1e+7 trials (10 depth x 10 width x 100000 seeds)", error.Message);
    }

    [Fact]
    public void A_sweep_at_the_limit_is_counted_without_expanding_it()
    {
        var spec = SpecLoader.Parse("name: x\ngrid:\n  depth: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n  width: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nseeds: 10000\n", "/specs/x.yaml");
        Assert.Equal(1_000_000, GridSize.TrialCount(spec));
        var grown = SpecOverrides.Apply(spec, ["act_noise=0,1"]);
        var error = Assert.Throws<UserInputException>(() => GridExpander.Expand(grown));
        Assert.Contains("the grid has 2e+6 trials (10 depth x 10 width x 2 act_noise x 10000 seeds)", error.Message);
    }

    [Fact]
    public void An_axis_of_700000_values_is_refused_promptly_naming_the_axis()
    {
        var yaml = new StringBuilder("name: long\ngrid:\n  depth: 1\n  width: [");
        for (int w = 1; w <= 700_000; w++) yaml.Append(w).Append(w < 700_000 ? ", " : "]\n");
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<UserInputException>(() => SpecLoader.Parse(yaml.ToString(), "/specs/long.yaml"));
        output.WriteLine($"refused a {yaml.Length / 1e6:0.0} MB spec of 700000 widths in {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Contains("grid.width lists more than 10000 values", error.Message);
    }
}
