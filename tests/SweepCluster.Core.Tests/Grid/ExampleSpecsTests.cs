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
    public void Quickstart_names_144_trials_with_distinct_ids()
    {
        var trials = GridExpander.Expand(SpecLoader.Load(Example("quickstart.yaml")));
        Assert.Equal(6 * 2 * 4 * 3, trials.Count);
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
    }
}
