using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

/// <summary>dataset.task and dataset.shells: the radial-shells task, its difficulty, and the keys that do not apply.</summary>
public sealed class SyntheticTaskSpecTests
{
    private const string Grid = "grid:\n  depth: 1\n  width: 4\n";

    private static SweepSpec Parse(string yaml) => SpecLoader.Parse(yaml, "/specs/test.yaml");

    [Fact]
    public void Task_and_shells_parse()
    {
        var spec = Parse("name: x\ndataset:\n  task: radial_shells\n  classes: 2\n  dimension: 2\n  shells: 4\n" + Grid);
        Assert.Equal(SyntheticTask.RadialShells, spec.Dataset.Task);
        Assert.Equal(4, spec.Dataset.Shells);
        Assert.Equal((DatasetKind.Synthetic, 2, 2), (spec.Dataset.Kind, spec.Dataset.Classes, spec.Dataset.Dimension));
        Assert.Equal(SyntheticTask.RadialShells, Assert.Single(GridExpander.Expand(spec)).Config.Dataset.Task);
    }

    [Theory]
    [InlineData("  task: radial_shells\n  classes: 3\n", 3)]
    [InlineData("  task: radial_shells\n", 4)] // the default classes
    [InlineData("  classes: 5\n  kind: synthetic\n  task: radial_shells\n", 5)]
    public void Shells_default_to_the_classes(string dataset, int shells)
    {
        Assert.Equal(shells, Parse("name: x\ndataset:\n" + dataset + Grid).Dataset.Shells);
    }

    [Fact]
    public void The_gaussian_mixture_is_the_default_task_and_has_no_shells()
    {
        Assert.Equal(SyntheticTask.GaussianMixture, Parse("name: x\n" + Grid).Dataset.Task);
        var named = Parse("name: x\ndataset:\n  task: gaussian_mixture\n  separation: 2\n" + Grid).Dataset;
        Assert.Equal((SyntheticTask.GaussianMixture, (int?)null, 2.0), (named.Task, named.Shells, named.Separation));
    }

    [Theory]
    [InlineData("  task: radial_shells\n  classes: 3\n  shells: 2\n", "test.yaml:5:11: dataset.shells", "is 2, fewer than the 3 classes", "use at least 3")]
    [InlineData("  shells: 4\n", "test.yaml:3:11: dataset.shells", "applies to 'task: radial_shells' only", "add 'task: radial_shells'")]
    [InlineData("  task: gaussian_mixture\n  shells: 4\n", "test.yaml:4:11: dataset.shells", "applies to 'task: radial_shells' only", "drop it")]
    [InlineData("  task: radial_shells\n  separation: 2\n", "test.yaml:4:15: dataset.separation", "Gaussian mixture only", "drop it")]
    [InlineData("  separation: 2\n  task: radial_shells\n", "test.yaml:3:15: dataset.separation", "Gaussian mixture only", "drop it")]
    [InlineData("  kind: idx\n  path: /data/fashion\n  task: radial_shells\n", "test.yaml:5:9: dataset.task", "synthetic data only", "drop it")]
    [InlineData("  task: gaussian_mixture\n  kind: idx\n  path: /data/fashion\n", "test.yaml:3:9: dataset.task", "synthetic data only", "drop it")]
    [InlineData("  kind: idx\n  path: /data/fashion\n  shells: 4\n", "test.yaml:5:11: dataset.shells", "not to idx data", "drop it")]
    [InlineData("  task: rings\n", "test.yaml:3:9: dataset.task", "'rings'", "gaussian_mixture, radial_shells")]
    [InlineData("  task: radial_shells\n  shells: 1\n", "test.yaml:4:11: dataset.shells", "outside its range [2, 1000]", "give a value in that range")]
    public void A_key_of_another_task_is_one_sentence_naming_it_and_the_fix(string dataset, string start, string problem, string fix)
    {
        string message = Assert.Throws<UserInputException>(() => Parse("name: x\ndataset:\n" + dataset + Grid)).Message;
        Assert.StartsWith(start, message);
        Assert.Contains(problem, message);
        Assert.Contains(fix, message);
        Assert.DoesNotContain('\n', message);
        Assert.EndsWith(".", message);
    }

    /// <summary>Pinned: a Gaussian-mixture trial's canonical configuration has no task or shells key, so its id is the
    /// one it had before the task existed (whether the task is left out or named): the canonical text holds exactly
    /// the dataset keys of then, and t-a9a61447a139a6c2 is the first 16 hex digits of its SHA-256.</summary>
    [Fact]
    public void A_gaussian_mixture_trial_keeps_its_id()
    {
        const string yaml = "name: pinned\ndataset:\n  classes: 3\n  dimension: 5\n  separation: 2.5\n" +
                            "training:\n  epochs: 4\n  batch_size: 16\ngrid:\n  depth: 2\n  width: 8\n  act_noise: 0.5\n";
        TrialConfig config = GridExpander.Expand(Parse(yaml))[0].Config;
        string canonical = TrialIdentity.Canonical(config);
        Assert.DoesNotContain("\"task\"", canonical);
        Assert.DoesNotContain("\"shells\"", canonical);
        Assert.Equal(new TrialId("t-a9a61447a139a6c2"), TrialIdentity.Of(config));
        string named = yaml.Replace("dataset:\n", "dataset:\n  task: gaussian_mixture\n");
        Assert.Equal(TrialIdentity.Of(config), GridExpander.Expand(Parse(named))[0].Id);

        string json = TrialJson.Serialize(new DatasetSettings());
        Assert.DoesNotContain("\"task\"", json);
        Assert.DoesNotContain("\"shells\"", json);
    }

    [Fact]
    public void A_radial_shells_trial_names_its_task_and_shells_and_reads_back()
    {
        var spec = Parse("name: x\ndataset:\n  task: radial_shells\n  classes: 2\n  shells: 6\n" + Grid);
        TrialConfig config = GridExpander.Expand(spec)[0].Config;
        string canonical = TrialIdentity.Canonical(config);
        Assert.Contains("\"task\":\"radial_shells\"", canonical);
        Assert.Contains("\"shells\":6", canonical);
        TrialConfig readBack = TrialJson.Deserialize<TrialConfig>(TrialJson.Serialize(config));
        Assert.Equal((SyntheticTask.RadialShells, 6), (readBack.Dataset.Task, readBack.Dataset.Shells));
        Assert.Equal(TrialIdentity.Of(config), TrialIdentity.Of(readBack));
        var fewer = Parse("name: x\ndataset:\n  task: radial_shells\n  classes: 2\n  shells: 4\n" + Grid);
        Assert.NotEqual(TrialIdentity.Of(config), GridExpander.Expand(fewer)[0].Id);
    }
}
