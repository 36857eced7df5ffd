using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

/// <summary>The shells axis: the radial-shells task's difficulty swept through the axis table (grid.shells), beside
/// dataset.shells as the single value; a trial keeps the id dataset.shells gave it.</summary>
public sealed class ShellsAxisTests
{
    private const string RadialShells = "name: x\ndataset:\n  task: radial_shells\n  classes: 2\n  dimension: 3\n";

    private static SweepSpec Parse(string yaml) => SpecLoader.Parse(yaml, "/specs/test.yaml");

    private static string Refusal(string yaml) =>
        Assert.Throws<UserInputException>(() => GridExpander.Expand(Parse(yaml))).Message;

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

    [Theory]
    [InlineData(RadialShells + "  shells: 4\ngrid:\n  depth: 1\n  width: 4\n  shells: [4, 8]\n",
        "grid.shells", "repeats the setting dataset.shells (line 6)", "give it in one place only")]
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
    public void A_wrong_shells_axis_is_one_sentence_naming_the_file_field_and_fix(string yaml, string start, string problem, string fix)
    {
        string message = Refusal(yaml);
        Assert.Contains(start, message);
        Assert.Contains(problem, message);
        Assert.Contains(fix, message);
        Assert.DoesNotContain('\n', message);
        Assert.EndsWith(".", message);
    }
}
