using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

public sealed class SpecOverridesTests
{
    private static readonly SweepSpec Spec = SpecLoader.Parse(
        "name: x\ngrid:\n  depth: [1, 2, 3]\n  width: [4, 16]\n  act_noise: [0, 1]\nseeds: 3\n", "/specs/x.yaml");

    [Fact]
    public void Overrides_pin_axes_and_seeds_to_one_trial()
    {
        var pinned = SpecOverrides.Apply(Spec, ["depth=2", "width=16", "act_noise=1", "seed=2"]);
        var trial = Assert.Single(GridExpander.Expand(pinned));
        Assert.Equal((2, 16, 1.0, 2), (trial.Config.Depth, trial.Config.Width, trial.Config.ActNoise, trial.Config.Seed));
    }

    [Fact]
    public void An_override_may_add_an_axis_and_give_a_list()
    {
        var spec = SpecOverrides.Apply(Spec, ["dropout=0.1,0.2"]);
        Assert.Equal(3 * 2 * 2 * 2 * 3, GridExpander.Expand(spec).Count);
        Assert.Equal(["depth", "width", "act_noise", "dropout"], spec.Grid.Select(a => a.Name));
    }

    [Fact]
    public void Seeds_take_a_list_and_lists_may_have_spaces()
    {
        var spec = SpecOverrides.Apply(Spec, ["seeds=4, 1", "act_noise = 0.5, 2", "optimizer=adam"]);
        Assert.Equal([4, 1], spec.Seeds);
        Assert.Equal([AxisValue.Of(0.5), AxisValue.Of(2)], spec.Grid.Single(a => a.Name == "act_noise").Values);
        Assert.Equal(["depth", "width", "act_noise", "optimizer"], spec.Grid.Select(a => a.Name));
        Assert.All(GridExpander.Expand(spec), t => Assert.Equal("adam", t.Config.Training.Optimizer.Word()));
        Assert.Equal(36, SpecDescription.TrialCount(Spec));
    }

    [Fact]
    public void An_unknown_axis_lists_the_valid_names()
    {
        var error = Assert.Throws<UserInputException>(() => SpecOverrides.Apply(Spec, ["noise=1"]));
        Assert.Contains("valid axes are depth, width, act_noise, sgld_noise, label_noise, dropout, input_noise, train_size, learning_rate, epochs, batch_size, clip, activation, optimizer, mode, shells and seed", error.Message);
    }

    [Theory]
    [InlineData("detph=2", "did you mean 'depth'?")]
    [InlineData("=3", "axis=value")]
    [InlineData("depth=", "axis=value")]
    [InlineData("depth=1,x", "not 'x'")]
    [InlineData("dropout=1", "[0, 1)")]
    [InlineData("seeds=a", "seed=0")]
    [InlineData("depth", "axis=value")]
    [InlineData("depth=0", "from 1")]
    [InlineData("seed=-1", "non-negative")]
    [InlineData("activation=sigmoid", "tanh, relu")]
    public void Bad_overrides_are_one_sentence(string assignment, string expected)
    {
        var error = Assert.Throws<UserInputException>(() => SpecOverrides.Apply(Spec, [assignment]));
        Assert.Contains(assignment, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_description_counts_varying_axes_and_seeds()
    {
        Assert.Equal("depth x 3, width x 2, act_noise x 2, 3 seeds", SpecDescription.VaryingAxes(Spec));
        Assert.Equal(36, SpecDescription.TrialCount(Spec));
    }
}
