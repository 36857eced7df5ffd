using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

/// <summary>dataset.task and dataset.shells: the radial-shells task, its difficulty (a single value, or swept as
/// grid.shells through the axis table), and the keys that do not apply.</summary>
public sealed class SyntheticTaskSpecTests
{
    private const string Head = "name: x\ndataset:\n";
    private const string Grid = "grid:\n  depth: 1\n  width: 4\n";
    private const string RadialShells = "name: x\ndataset:\n  task: radial_shells\n  classes: 2\n  dimension: 3\n";

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
    [InlineData(Head + "  task: radial_shells\n  classes: 3\n  shells: 2\n" + Grid, "test.yaml:5:11: dataset.shells", "is 2, fewer than the 3 classes", "use at least 3")]
    [InlineData(Head + "  shells: 4\n" + Grid, "test.yaml:3:11: dataset.shells", "applies to 'task: radial_shells' only", "add 'task: radial_shells'")]
    [InlineData(Head + "  task: gaussian_mixture\n  shells: 4\n" + Grid, "test.yaml:4:11: dataset.shells", "applies to 'task: radial_shells' only", "drop it")]
    [InlineData(Head + "  task: radial_shells\n  separation: 2\n" + Grid, "test.yaml:4:15: dataset.separation", "Gaussian mixture only", "drop it")]
    [InlineData(Head + "  separation: 2\n  task: radial_shells\n" + Grid, "test.yaml:3:15: dataset.separation", "Gaussian mixture only", "drop it")]
    [InlineData(Head + "  kind: idx\n  path: /data/fashion\n  task: radial_shells\n" + Grid, "test.yaml:5:9: dataset.task", "synthetic data only", "drop it")]
    [InlineData(Head + "  task: gaussian_mixture\n  kind: idx\n  path: /data/fashion\n" + Grid, "test.yaml:3:9: dataset.task", "synthetic data only", "drop it")]
    [InlineData(Head + "  kind: idx\n  path: /data/fashion\n  shells: 4\n" + Grid, "test.yaml:5:11: dataset.shells", "not to idx data", "drop it")]
    [InlineData(Head + "  task: rings\n" + Grid, "test.yaml:3:9: dataset.task", "'rings'", "gaussian_mixture, radial_shells")]
    [InlineData(Head + "  task: radial_shells\n  shells: 1\n" + Grid, "test.yaml:4:11: dataset.shells", "outside its range [2, 1000]", "give a value in that range")]
    [InlineData(RadialShells + "  shells: 4\ngrid:\n  depth: 1\n  width: 4\n  shells: [4, 8]\n",
        "test.yaml:10:11: grid.shells", "repeats the setting dataset.shells (line 6)", "give it in one place only")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  shells: [4, 8]\n",
        "test.yaml: the shells axis", "applies to 'task: radial_shells' only, not to the Gaussian mixture", "add 'task: radial_shells' to the dataset")]
    [InlineData("name: x\ndataset:\n  kind: idx\n  path: /data/fashion\ngrid:\n  depth: 1\n  width: 4\n  shells: 4\n",
        "test.yaml: the shells axis", "not to idx data", "drop grid.shells")]
    [InlineData("name: x\ndataset:\n  task: radial_shells\n  classes: 5\ngrid:\n  depth: 1\n  width: 4\n  shells: [6, 4]\n",
        "test.yaml: grid.shells has 4", "fewer than the 5 classes", "use at least 5")]
    [InlineData(RadialShells + "grid:\n  depth: 1\n  width: 4\n  shells: [1, 4]\n",
        "test.yaml:9:12: grid.shells", "is 1, but must be from 2 to 1000", "fix that value")]
    [InlineData(RadialShells + "grid:\n  depth: 1\n  width: 4\n  shells: [4, 2.5]\n",
        "test.yaml:9:15: grid.shells", "must be a whole number, not '2.5'", "fix that value")]
    public void A_key_of_another_task_or_a_wrong_shells_axis_is_one_sentence_naming_it_and_the_fix(string yaml, string start, string problem, string fix)
    {
        string message = Assert.Throws<UserInputException>(() => GridExpander.Expand(Parse(yaml))).Message;
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

    [Fact]
    public void A_swept_shells_axis_expands_into_one_trial_and_one_curve_per_value()
    {
        var trials = GridExpander.Expand(Parse(RadialShells + "grid:\n  depth: [1, 2]\n  width: 4\n  shells: [4, 8, 12]\n"));

        // Canonical order puts shells last, so it varies fastest within each depth.
        Assert.Equal([(1, 4), (1, 8), (1, 12), (2, 4), (2, 8), (2, 12)],
            trials.Select(t => (t.Config.Depth, t.Config.Dataset.Shells!.Value)).ToArray());
        Assert.Equal(6, trials.Select(t => t.Id).Distinct().Count());
        var curves = trials.GroupBy(t => CurveKey.Of(t.Config)).ToList();
        Assert.Equal([4, 8, 12], curves.Select(curve => curve.Key.Shells).ToArray());
        Assert.All(curves, curve => Assert.Equal([1, 2], curve.Select(t => t.Config.Depth).ToArray()));
        Assert.Equal(AxisNames.Shells, CurveKey.ColumnNames[^1]);
        Assert.Equal("12", CurveKey.Of(trials[2].Config).Cells()[^1]);
        // Different shells are different data: they never train as one pack.
        Assert.Equal(3, trials.Where(t => t.Config.Depth == 1).Select(t => TrialPacking.Key(t.Config)).Distinct().Count());
    }

    [Fact]
    public void A_trial_has_the_same_id_whether_shells_is_the_dataset_value_or_a_one_value_axis()
    {
        var fromDataset = Assert.Single(GridExpander.Expand(Parse(RadialShells + "  shells: 8\ngrid:\n  depth: 2\n  width: 4\n")));
        var fromGrid = Assert.Single(GridExpander.Expand(Parse(RadialShells + "grid:\n  depth: 2\n  width: 4\n  shells: 8\n")));
        Assert.Equal(fromDataset.Id, fromGrid.Id);
        Assert.Equal(fromDataset.Config, fromGrid.Config);
    }

    [Fact]
    public void Tasks_without_shells_keep_them_out_of_the_id_and_curve_at_zero()
    {
        var trial = Assert.Single(GridExpander.Expand(Parse("name: x\ngrid:\n  depth: 1\n  width: 4\n")));
        Assert.DoesNotContain("\"shells\"", TrialIdentity.Canonical(trial.Config));
        Assert.Equal(0, CurveKey.Of(trial.Config).Shells);
    }
}
