using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Grid;

public sealed class TrialIdentityTests
{
    private const string Ordered = "name: x\ndataset:\n  classes: 3\n  dimension: 5\ntraining:\n  epochs: 4\n  batch_size: 16\ngrid:\n  depth: [1, 2]\n  width: 4\n  act_noise: 0.5\nseeds: 2\n";
    private const string Shuffled = "seeds: 2\ngrid:\n  act_noise: 0.50\n  width: 4\n  depth: [1, 2]\ntraining:\n  batch_size: 16\n  epochs: 4\ndataset:\n  dimension: 5\n  classes: 3\nname: x\n";

    private static TrialConfig First(string yaml) => GridExpander.Expand(SpecLoader.Parse(yaml, "x.yaml"))[0].Config;

    /// <summary>Pinned: the spec's words (mode, optimizer, activation, dataset kind) are typed in the code but hashed as
    /// the same snake_case words, so a sweep started before they were typed keeps its trial ids.</summary>
    [Fact]
    public void A_known_spec_keeps_its_trial_id()
    {
        const string yaml = "name: pinned\ndataset:\n  kind: idx\n  path: /data/mnist\nmodel:\n  activation: relu\n" +
                            "training:\n  mode: frozen_features\n  optimizer: sgld\n  clip: 1.0\n  epochs: 3\n" +
                            "grid:\n  depth: 2\n  width: 8\n  sgld_noise: 0.01\n";
        var config = First(yaml);
        Assert.Contains("\"mode\":\"frozen_features\"", TrialIdentity.Canonical(config));
        Assert.Contains("\"optimizer\":\"sgld\"", TrialIdentity.Canonical(config));
        Assert.Contains("\"activation\":\"relu\"", TrialIdentity.Canonical(config));
        Assert.Contains("\"kind\":\"idx\"", TrialIdentity.Canonical(config));
        Assert.Equal(new TrialId("t-43071216333eb172"), TrialIdentity.Of(config));
    }

    /// <summary>Pinned: the schedule, the SGLD parameterization and the architecture are typed too, and hashed as the
    /// words they were hashed as when they were strings.</summary>
    [Fact]
    public void A_known_spec_with_a_schedule_and_a_parameterization_keeps_its_trial_id()
    {
        const string yaml = "name: pinned\nmodel:\n  architecture: mlp\n" +
                            "training:\n  optimizer: sgld\n  clip: 1.0\n  schedule: inverse_time\n  lr_decay: 0.01\n" +
                            "  sgld_parameterization: inverse_temperature\n  clipping: batch\n" +
                            "grid:\n  depth: 2\n  width: 8\n  sgld_noise: 1000\n";
        var config = First(yaml);
        string canonical = TrialIdentity.Canonical(config);
        Assert.Contains("\"architecture\":\"mlp\"", canonical);
        Assert.Contains("\"schedule\":\"inverse_time\"", canonical);
        Assert.Contains("\"sgld_parameterization\":\"inverse_temperature\"", canonical);
        Assert.Contains("\"clipping\":\"batch\"", canonical);
        Assert.Contains("\"schedule\":\"constant\"", TrialIdentity.Canonical(First(Ordered)));
        Assert.Contains("\"sgld_parameterization\":\"std\"", TrialIdentity.Canonical(First(Ordered)));
        Assert.Equal(new TrialId("t-1ea65b3a8fcde663"), TrialIdentity.Of(config));
    }

    [Fact]
    public void A_result_writes_its_typed_trial_id_as_a_plain_string()
    {
        var config = First(Ordered);
        var result = new TrialResult { TrialId = TrialIdentity.Of(config), Config = config, Status = TrialStatus.Completed };
        string json = TrialJson.Serialize(result);
        Assert.StartsWith($"{{\"trial_id\":\"{result.TrialId.Value}\",", json);
        Assert.Equal(result.TrialId, TrialJson.Deserialize<TrialResult>(json).TrialId);
    }

    /// <summary>The expander hashes one canonical text per grid point with each seed put in place: the ids must be
    /// exactly those of hashing every trial's own configuration, with or without CMI draws.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("cmi:\n  supersamples: 2\n  selections: 2\n")]
    public void Expanded_ids_are_the_ids_of_each_trials_own_configuration(string cmi)
    {
        string yaml = $"name: x\ndataset:\n  classes: 3\n  dimension: 5\n{cmi}grid:\n  depth: [1, 2]\n  width: [4, 8]\n  act_noise: 0.5\nseeds: [0, 1, 7, 123456, 2147483647]\n";
        var trials = GridExpander.Expand(SpecLoader.Parse(yaml, "x.yaml"));
        Assert.Equal(trials.Select(t => TrialIdentity.Of(t.Config)), trials.Select(t => t.Id));
        Assert.Equal(trials.Count, trials.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Key_order_and_number_spelling_do_not_change_ids()
    {
        var a = GridExpander.Expand(SpecLoader.Parse(Ordered, "a.yaml")).Select(t => t.Id);
        var b = GridExpander.Expand(SpecLoader.Parse(Shuffled, "b.yaml")).Select(t => t.Id);
        Assert.Equal(a, b);
        Assert.Equal(4, a.Distinct().Count());
    }

    [Fact]
    public void Negative_zero_and_other_spellings_of_a_number_give_the_same_id()
    {
        TrialId Id(string actNoise, string clip) => GridExpander.Expand(SpecLoader.Parse(
            $"name: x\ntraining:\n  clip: {clip}\ngrid:\n  depth: 1\n  width: 4\n  act_noise: {actNoise}\n", "x.yaml"))[0].Id;
        Assert.Equal(Id("0", "0"), Id("-0", "-0.0"));
        Assert.Equal(Id("0.5", "1"), Id("5e-1", "1.000"));
        Assert.NotEqual(Id("0.5", "1"), Id("0.5", "2"));
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
            config with { Model = config.Model with { Activation = ActivationKind.Relu } },
            config with { Dataset = config.Dataset with { Kind = DatasetKind.Idx, Path = "/data" } },
            config with { Training = config.Training with { SgldParameterization = SgldParameterization.InverseTemperature } },
            config with { Training = config.Training with { MaxAttempts = 3 } },
            config with { Width = 5 },
            config with { SgldNoise = 0.1 },
            config with { LabelNoise = 0.1 },
            config with { Dropout = 0.1 },
            config with { InputNoise = 0.1 },
            config with { TrainSize = 999 },
        ];
        foreach (var variant in variants) Assert.NotEqual(id, TrialIdentity.Of(variant));
        Assert.Equal(variants.Length, variants.Select(TrialIdentity.Of).Distinct().Count());
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
