using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Core.Tests.Grid;

public sealed class ExampleSpecsTests
{
    private static string Example(string name) => Path.Combine(TestRepository.Root, "cluster-config", "sweeps", name);

    [Fact]
    public void One_trial_names_exactly_one_trial()
    {
        Assert.Single(GridExpander.Expand(SpecLoader.Load(Example("one-trial.yaml"))));
    }

    [Fact]
    public void Quickstart_names_288_trials_in_both_modes_with_distinct_ids()
    {
        var trials = GridExpander.Expand(SpecLoader.Load(Example("quickstart.yaml")));
        // depth x width x act_noise x mode x sgld_noise x seeds
        Assert.Equal(4 * 2 * 3 * 2 * 2 * 3, trials.Count);
        Assert.Equal([TrainingMode.EndToEnd, TrainingMode.FrozenFeatures], trials.Select(t => t.Config.Training.Mode).Distinct().Order());
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void The_paper_fashion_mnist_sweep_reads_the_idx_files_and_names_distinct_trials()
    {
        var spec = SpecLoader.Load(Example("paper-fashion-mnist.yaml"));
        var trials = GridExpander.Expand(spec);
        Assert.Equal("/usr/share/datasets/fashion-mnist", spec.Dataset.Path);
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void The_cmi_depth_sweep_trains_every_grid_point_600_times()
    {
        var spec = SpecLoader.Load(Example("cmi-depth.yaml"));
        var trials = GridExpander.Expand(spec);
        // depth x width x act_noise x mode x (supersamples x selections) x seeds
        Assert.Equal(6 * 1 * 3 * 2 * (5 * 120) * 1, trials.Count);
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
        Assert.All(trials, t => Assert.NotNull(t.Config.Cmi));
    }
}
