using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

public sealed class ClippingSpecTests
{
    private static SweepSpec Parse(string yaml) => SpecLoader.Parse(yaml, "/specs/test.yaml");

    [Theory]
    [InlineData("auto", ClippingMode.Auto)]
    [InlineData("per_example", ClippingMode.PerExample)]
    [InlineData("batch", ClippingMode.Batch)]
    public void Clipping_words_parse_to_the_enum(string word, ClippingMode expected)
    {
        var spec = Parse($"name: x\ntraining:\n  mode: frozen_features\n  clipping: {word}\ngrid:\n  depth: 1\n  width: 4\n");
        Assert.Equal(expected, spec.Training.Clipping);
    }

    [Fact]
    public void Absent_clipping_is_auto()
    {
        Assert.Equal(ClippingMode.Auto, Parse("name: x\ngrid:\n  depth: 1\n  width: 4\n").Training.Clipping);
    }

    [Theory]
    [InlineData("name: x\ntraining:\n  clipping: per_example\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:13")]
    [InlineData("name: x\ntraining:\n  mode: end_to_end\n  clipping: per_example\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:4:13")]
    [InlineData("name: x\ntraining:\n  clipping: per_example\ngrid:\n  depth: 1\n  width: 4\n  mode: [frozen_features, end_to_end]\n", "test.yaml:3:13")]
    public void Per_example_clipping_with_end_to_end_trials_is_one_sentence_naming_the_key(string yaml, string location)
    {
        string message = Assert.Throws<UserInputException>(() => Parse(yaml)).Message;
        Assert.StartsWith(location + ": training.clipping", message);
        Assert.Contains("use clipping auto", message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Per_example_clipping_with_a_frozen_features_axis_is_accepted()
    {
        var spec = Parse("name: x\ntraining:\n  clipping: per_example\ngrid:\n  depth: 1\n  width: 4\n  mode: frozen_features\n");
        Assert.Equal(ClippingMode.PerExample, Assert.Single(GridExpander.Expand(spec)).Config.Training.Clipping);
    }

    [Fact]
    public void A_mode_override_to_end_to_end_is_refused_at_expansion_naming_the_key()
    {
        var spec = Parse("name: x\ntraining:\n  clipping: per_example\ngrid:\n  depth: 1\n  width: 4\n  mode: frozen_features\n");
        var overridden = SpecOverrides.Apply(spec, ["mode=end_to_end"]);
        string message = Assert.Throws<UserInputException>(() => GridExpander.Expand(overridden)).Message;
        Assert.StartsWith("test.yaml: training.clipping is per_example", message);
        Assert.Contains("use clipping auto", message);
    }

    [Fact]
    public void An_unknown_clipping_word_lists_the_valid_ones()
    {
        string message = Assert.Throws<UserInputException>(() =>
            Parse("name: x\ntraining:\n  clipping: sometimes\ngrid:\n  depth: 1\n  width: 4\n")).Message;
        Assert.Contains("training.clipping", message);
        Assert.Contains("auto, per_example, batch", message);
    }

    [Fact]
    public void Auto_clipping_leaves_the_trial_id_as_it_was_without_the_key()
    {
        var without = Assert.Single(GridExpander.Expand(Parse("name: x\ngrid:\n  depth: 1\n  width: 4\n")));
        var auto = Assert.Single(GridExpander.Expand(Parse("name: x\ntraining:\n  clipping: auto\ngrid:\n  depth: 1\n  width: 4\n")));
        var batch = Assert.Single(GridExpander.Expand(Parse("name: x\ntraining:\n  clipping: batch\ngrid:\n  depth: 1\n  width: 4\n")));
        Assert.Equal(without.Id, auto.Id);
        Assert.DoesNotContain("clipping", TrialIdentity.Canonical(auto.Config));
        Assert.NotEqual(without.Id, batch.Id);
        Assert.Contains("\"clipping\":\"batch\"", TrialIdentity.Canonical(batch.Config));
    }

    [Theory]
    [InlineData(ClippingMode.Auto, "frozen_features", true)]
    [InlineData(ClippingMode.Auto, "end_to_end", false)]
    [InlineData(ClippingMode.Batch, "frozen_features", false)]
    [InlineData(ClippingMode.PerExample, "frozen_features", true)]
    public void Auto_resolves_by_mode(ClippingMode clipping, string mode, bool perExample)
    {
        Assert.Equal(perExample, ClippingModes.IsPerExample(clipping, SpecWords.Parse<TrainingMode>(mode)));
    }
}
