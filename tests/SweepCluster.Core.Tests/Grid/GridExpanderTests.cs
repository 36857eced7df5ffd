using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Grid;

public sealed class GridExpanderTests
{
    private static IReadOnlyList<PlannedTrial> Expand(string yaml) => GridExpander.Expand(SpecLoader.Parse(yaml, "/specs/grid.yaml"));

    [Fact]
    public void Trials_run_through_axes_in_canonical_order_with_the_last_axis_and_then_the_seed_fastest()
    {
        // The YAML lists act_noise before depth; the canonical axis order (depth, width, act_noise) still decides.
        var trials = Expand("name: x\ngrid:\n  act_noise: [1, 0]\n  width: 4\n  depth: [3, 1]\nseeds: [5, 2]\n");
        Assert.Equal(
            [(3, 1.0, 5), (3, 1.0, 2), (3, 0.0, 5), (3, 0.0, 2), (1, 1.0, 5), (1, 1.0, 2), (1, 0.0, 5), (1, 0.0, 2)],
            trials.Select(t => (t.Config.Depth, t.Config.ActNoise, t.Config.Seed)));
        Assert.Equal(trials.Select(t => t.Id), Expand("name: x\ngrid:\n  act_noise: [1, 0]\n  width: 4\n  depth: [3, 1]\nseeds: [5, 2]\n").Select(t => t.Id));
    }

    [Fact]
    public void Setting_axes_override_their_section_for_each_grid_point()
    {
        var trials = Expand("""
            name: x
            training:
              optimizer: sgld
              schedule: inverse_time
            grid:
              depth: 1
              width: 4
              sgld_noise: 0.01
              learning_rate: [0.01, 0.2]
              epochs: 3
              batch_size: 8
              clip: 1.5
              activation: relu
              mode: frozen_features
              train_size: 500
              label_noise: 0.2
              dropout: 0.3
              input_noise: 0.4
            """);
        Assert.Equal([0.01, 0.2], trials.Select(t => t.Config.Training.LearningRate));
        var c = trials[0].Config;
        Assert.Equal((3, 8, 1.5, "relu", "frozen_features", "sgld", "inverse_time"),
            (c.Training.Epochs, c.Training.BatchSize, c.Training.Clip, c.Model.Activation.Word(), c.Training.Mode.Word(), c.Training.Optimizer.Word(), c.Training.Schedule.Word()));
        Assert.Equal((500, 0.2, 0.3, 0.4, 0.01), (c.TrainSize, c.LabelNoise, c.Dropout, c.InputNoise, c.SgldNoise));
    }

    [Fact]
    public void An_optimizer_axis_checks_each_grid_point_on_its_own()
    {
        string yaml = "name: x\ntraining:\n  clip: 1\ngrid:\n  depth: 1\n  width: 4\n  sgld_noise: [0, 0.1]\n  optimizer: [sgd, sgld]\n";
        var error = Assert.Throws<UserInputException>(() => Expand(yaml));
        Assert.Contains("grid.yaml: the grid point (depth 1, width 4, optimizer sgld, sgld_noise 0, clip 1)", error.Message);
        Assert.Contains("give grid.sgld_noise > 0 and training.clip > 0", error.Message);
        Assert.Equal(2, Expand(yaml.Replace("[0, 0.1]", "0.1")).Count);
    }

    [Fact]
    public void Sgld_without_a_clip_is_refused()
    {
        var error = Assert.Throws<UserInputException>(() => Expand("name: x\ntraining:\n  optimizer: sgld\ngrid:\n  depth: 1\n  width: 4\n  sgld_noise: 0.1\n"));
        Assert.Contains("clip 0", error.Message);
        Assert.Contains("training.clip > 0", error.Message);
    }

    [Fact]
    public void An_override_wins_over_the_section_setting_it_replaces()
    {
        var spec = SpecLoader.Parse("name: x\ntraining:\n  learning_rate: 0.1\ngrid:\n  depth: 1\n  width: 4\n", "/specs/grid.yaml");
        var trial = Assert.Single(GridExpander.Expand(SpecOverrides.Apply(spec, ["learning_rate=0.3"])));
        Assert.Equal(0.3, trial.Config.Training.LearningRate);
    }

    [Fact]
    public void Every_planned_trial_carries_the_id_of_its_own_config()
    {
        var trials = Expand("name: x\ngrid:\n  depth: [1, 2]\n  width: [4, 8]\nseeds: 2\n");
        Assert.All(trials, t => Assert.Equal(TrialIdentity.Of(t.Config), t.Id));
        Assert.Equal(8, trials.Select(t => t.Id).Distinct().Count());
    }
}
