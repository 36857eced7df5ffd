using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Grid;

public sealed class TrialIdentityTests
{
    private const string Ordered = "name: x\ndataset:\n  classes: 3\n  dimension: 5\ntraining:\n  epochs: 4\n  batch_size: 16\ngrid:\n  depth: [1, 2]\n  width: 4\n  act_noise: 0.5\nseeds: 2\n";
    private const string Shuffled = "seeds: 2\ngrid:\n  act_noise: 0.50\n  width: 4\n  depth: [1, 2]\ntraining:\n  batch_size: 16\n  epochs: 4\ndataset:\n  dimension: 5\n  classes: 3\nname: x\n";

    private static TrialConfig First(string yaml) => GridExpander.Expand(SpecLoader.Parse(yaml, "x.yaml"))[0].Config;

    [Fact]
    public void Key_order_and_number_spelling_do_not_change_ids()
    {
        var a = GridExpander.Expand(SpecLoader.Parse(Ordered, "a.yaml")).Select(t => t.Id);
        var b = GridExpander.Expand(SpecLoader.Parse(Shuffled, "b.yaml")).Select(t => t.Id);
        Assert.Equal(a, b);
        Assert.Equal(4, a.Distinct().Count());
    }

    [Fact]
    public void Any_single_field_change_changes_the_id()
    {
        var config = First(Ordered);
        TrialId id = TrialIdentity.Of(config);
        TrialConfig[] variants =
        [
            config with { Seed = 1 },
            config with { Depth = 3 },
            config with { ActNoise = 0.5000001 },
            config with { Dataset = config.Dataset with { DataSeed = 9 } },
            config with { Dataset = config.Dataset with { ClassSubset = [1, 2] } },
            config with { Training = config.Training with { LearningRate = 0.06 } },
            config with { Information = config.Information with { EvalPoints = 257 } },
            config with { Model = config.Model with { Activation = "relu" } },
        ];
        foreach (var variant in variants) Assert.NotEqual(id, TrialIdentity.Of(variant));
        Assert.Equal(id, TrialIdentity.Of(config with { }));
    }

    [Fact]
    public void The_canonical_form_holds_every_field_with_sorted_keys()
    {
        string canonical = TrialIdentity.Canonical(First(Ordered));
        foreach (string field in new[] { "\"act_noise\":0.5", "\"depth\":1", "\"seed\":0", "\"data_seed\":0", "\"learning_rate\":0.05", "\"eval_points\":256" })
            Assert.Contains(field, canonical);
        Assert.True(canonical.IndexOf("\"act_noise\"", StringComparison.Ordinal) < canonical.IndexOf("\"dataset\"", StringComparison.Ordinal));
        Assert.Matches("^t-[0-9a-f]{16}$", TrialIdentity.Of(First(Ordered)).Value);
    }
}
