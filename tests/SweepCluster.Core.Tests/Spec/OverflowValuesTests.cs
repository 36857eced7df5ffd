using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

/// <summary>Every number-valued key and axis, given a value that overflows a float, an int or both: the spec is
/// refused with one line naming the key, and nothing else ever escapes.</summary>
public sealed class OverflowValuesTests
{
    private static readonly string[] OverflowValues =
        ["1e39", "1e308", "-1e308", "1e309", "-1e39", ".nan", ".inf", "-.inf", "NaN", "Infinity", "3e38", "1e20"];

    private static readonly string[] SectionKeys =
    [
        "dataset.classes", "dataset.dimension", "dataset.separation", "dataset.test_size", "dataset.data_seed",
        "training.learning_rate", "training.lr_decay", "training.epochs", "training.batch_size", "training.clip",
        "training.max_attempts", "information.eval_points", "information.noise_paths", "information.bins",
        "information.error_draws", "information.loss_clip",
    ];

    private static readonly string[] NumberAxes =
    [
        "depth", "width", "act_noise", "sgld_noise", "label_noise", "dropout", "input_noise", "train_size",
        "learning_rate", "epochs", "batch_size", "clip",
    ];

    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (string key in SectionKeys) keys.Add(key);
        foreach (string axis in NumberAxes) keys.Add($"grid.{axis}");
        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void An_overflowing_value_is_refused_in_one_line_naming_the_key(string key)
    {
        foreach (string value in OverflowValues)
        {
            string yaml = SpecWith(key, value);
            var error = Record.Exception(() => GridExpander.Expand(SpecLoader.Parse(yaml, "/specs/overflow.yaml")));
            Assert.True(error is UserInputException, $"{key}: {value} gave {error?.GetType().Name ?? "no error"}:\n{yaml}\n{error}");
            Assert.DoesNotContain('\n', error!.Message);
            Assert.StartsWith("overflow.yaml", error.Message);
            Assert.Contains(key, error.Message);
        }
    }

    [Theory]
    [InlineData("training.epochs", "1e2", 100)]
    [InlineData("training.epochs", "2.0e1", 20)]
    [InlineData("training.batch_size", "6.4E1", 64)]
    public void A_whole_number_in_exponent_form_is_accepted(string key, string text, int expected)
    {
        var spec = SpecLoader.Parse(SpecWith(key, text), "/specs/exp.yaml");
        Assert.Equal(expected, key == "training.epochs" ? spec.Training.Epochs : spec.Training.BatchSize);
    }

    [Theory]
    [InlineData("training.epochs", "1e9", "outside its range")]
    [InlineData("training.epochs", "1.5e0", "whole number")]
    [InlineData("grid.epochs", "1e9", "from 1 to 1000000")]
    public void A_whole_number_in_exponent_form_out_of_range_is_refused(string key, string text, string reason)
    {
        var error = Assert.Throws<UserInputException>(() => SpecLoader.Parse(SpecWith(key, text), "/specs/exp.yaml"));
        Assert.Contains(key, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_grid_epochs_axis_in_exponent_form_is_accepted()
    {
        var spec = SpecLoader.Parse(SpecWith("grid.epochs", "1e3"), "/specs/exp.yaml");
        Assert.Equal([AxisValue.Of(1000)], spec.Grid.Single(axis => axis.Name == "epochs").Values);
    }

    /// <summary>A small valid spec with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    private static string SpecWith(string key, string value)
    {
        string[] parts = key.Split('.');
        string section = parts[0], name = parts[1];
        var grid = new Dictionary<string, string> { ["depth"] = "1", ["width"] = "2" };
        string sectionText = "";
        if (section == "grid") grid[name] = value;
        else sectionText = $"{section}:\n  {name}: {value}\n";
        string gridText = string.Join("", grid.Select(entry => $"  {entry.Key}: {entry.Value}\n"));
        return $"name: overflow\n{sectionText}grid:\n{gridText}";
    }
}
