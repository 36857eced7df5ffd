using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

public sealed class SpecLoaderTests
{
    private const string Full = """
        name: full
        dataset:
          kind: synthetic
          classes: 3
          dimension: 7
          separation: 2.5
          test_size: 500
          data_seed: 4
        model:
          architecture: mlp
        training:
          mode: frozen_features
          optimizer: sgld
          schedule: inverse_time
          lr_decay: 0.01
          epochs: 5
          batch_size: 32
          clip: 2
          sgld_parameterization: inverse_temperature
          max_attempts: 3
        information:
          eval_points: 100
          noise_paths: 4
          bins: 20
          error_draws: 12
          loss_clip: 3
        grid:
          depth: [1, 2]
          width: 8
          act_noise: [0.5, 1]
          sgld_noise: 1000
          learning_rate: [0.01, 0.1]
          activation: relu
        seeds: [3, 5]
        """;

    private static SweepSpec Parse(string yaml) => SpecLoader.Parse(yaml, "/specs/test.yaml");

    private static string ErrorOf(string yaml) => Assert.Throws<UserInputException>(() => Parse(yaml)).Message;

    [Fact]
    public void Every_key_is_mapped()
    {
        var spec = Parse(Full);
        Assert.Equal("full", spec.Name);
        Assert.Equal(new DatasetSettings { Classes = 3, Dimension = 7, Separation = 2.5, TestSize = 500, DataSeed = 4 }, spec.Dataset with { ClassSubset = [] });
        Assert.Equal("frozen_features", spec.Training.Mode);
        Assert.Equal("inverse_time", spec.Training.Schedule);
        Assert.Equal(0.01, spec.Training.LrDecay);
        Assert.Equal(3, spec.Training.MaxAttempts);
        Assert.Equal("inverse_temperature", spec.Training.SgldParameterization);
        Assert.Equal(new InformationSettings { EvalPoints = 100, NoisePaths = 4, Bins = 20, ErrorDraws = 12, LossClip = 3 }, spec.Information);
        Assert.Equal([3, 5], spec.Seeds);
        Assert.Equal(["depth", "width", "act_noise", "sgld_noise", "learning_rate", "activation"], spec.Grid.Select(a => a.Name));
        Assert.Equal(2 * 1 * 2 * 1 * 2 * 1 * 2, GridExpander.Expand(spec).Count);
    }

    [Fact]
    public void Omitted_sections_take_their_defaults_and_a_seed_count_means_zero_to_k_minus_one()
    {
        var spec = Parse("name: tiny\ngrid:\n  depth: 1\n  width: 4\nseeds: 3\n");
        Assert.Equal(new TrainingSettings(), spec.Training);
        Assert.Equal(new DatasetSettings(), spec.Dataset with { ClassSubset = [] });
        Assert.Equal([0, 1, 2], spec.Seeds);
        var trial = GridExpander.Expand(spec)[0].Config;
        Assert.Equal(1000, trial.TrainSize);
        Assert.Equal(0, trial.ActNoise);
    }

    [Fact]
    public void Axis_values_override_the_section_setting_for_their_grid_point()
    {
        var trials = GridExpander.Expand(Parse(Full));
        Assert.Equal([0.01, 0.1], trials.Select(t => t.Config.Training.LearningRate).Distinct());
        Assert.All(trials, t => Assert.Equal("relu", t.Config.Model.Activation));
    }

    [Theory]
    [InlineData("name: x\ngrid:\n  detph: [1]\n  width: [4]\n", "test.yaml:3:3", "unknown key 'detph' in grid", "did you mean 'depth'?")]
    [InlineData("name: x\ntrainig:\n  epochs: 3\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:2:1", "unknown key 'trainig'", "'training'")]
    [InlineData("name: x\ngrid:\n  depth: [0]\n  width: [4]\n", "test.yaml:3:11", "grid.depth", "from 1")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: -4\n", "test.yaml:4:10", "grid.width", "from 1")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  act_noise: [0.5, -1]\n", "test.yaml:5:20", "grid.act_noise", "negative")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  dropout: 1\n", "test.yaml:5:12", "grid.dropout", "[0, 1)")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  label_noise: 1.5\n", "test.yaml", "grid.label_noise", "[0, 1]")]
    [InlineData("name: x\ngrid:\n  depth: two\n  width: 4\n", "test.yaml:3:10", "grid.depth", "'two'")]
    [InlineData("name: x\ntraining:\n  optimizer: rmsprop\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:14", "training.optimizer", "sgd, adam, sgld")]
    [InlineData("name: x\ntraining:\n  epochs: 0\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:11", "training.epochs", "range")]
    [InlineData("name: x\ninformation:\n  error_draws: 3\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:16", "information.error_draws", "range")]
    [InlineData("name: x\ndataset:\n  kind: idx\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml", "dataset", "path")]
    [InlineData("name: x\ndataset:\n  class_subset: [4, 4]\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:17", "dataset.class_subset", "twice")]
    [InlineData("name: x\ngrid:\n  depth: [1, 1]\n  width: 4\n", "test.yaml:3:14", "grid.depth", "twice")]
    [InlineData("name: x\ngrid:\n  width: 4\n", "test.yaml:3:3", "'depth'", "add")]
    [InlineData("grid:\n  depth: 1\n  width: 4\n", "test.yaml", "'name'", "add")]
    [InlineData("name: x\ntraining:\n  learning_rate: 0.1\ngrid:\n  depth: 1\n  width: 4\n  learning_rate: [0.1, 0.2]\n", "test.yaml:7:18", "training.learning_rate", "one place")]
    [InlineData("name: x\ngrid: [1, 2]\n", "test.yaml:2:7", "grid", "mapping")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\nseeds: [1, 1]\n", "test.yaml:5:8", "seeds", "twice")]
    [InlineData("name: x\ngrid:\n  depth: [1\n  width: 4\n", "test.yaml:", "malformed", "fix the syntax")]
    [InlineData("", "test.yaml", "empty", "name")]
    [InlineData("name: ../up\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:1:7", "name", "folder name")]
    public void A_mistake_is_one_sentence_with_location_field_and_fix(string yaml, string location, string field, string fix)
    {
        string message = ErrorOf(yaml);
        Assert.Contains(location, message);
        Assert.Contains(field, message);
        Assert.Contains(fix, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Sgld_without_noise_or_clip_is_refused_at_expansion()
    {
        var spec = Parse("name: x\ntraining:\n  optimizer: sgld\ngrid:\n  depth: 1\n  width: 4\n");
        var error = Assert.Throws<UserInputException>(() => GridExpander.Expand(spec));
        Assert.Contains("sgld_noise > 0", error.Message);
        Assert.Contains("test.yaml", error.Message);
    }

    [Fact]
    public void Adam_with_update_noise_is_refused()
    {
        var spec = Parse("name: x\ntraining:\n  optimizer: adam\ngrid:\n  depth: 1\n  width: 4\n  sgld_noise: 0.1\n");
        Assert.Contains("adam", Assert.Throws<UserInputException>(() => GridExpander.Expand(spec)).Message);
    }

    [Fact]
    public void A_missing_file_names_the_path()
    {
        var error = Assert.Throws<UserInputException>(() => SpecLoader.Load("/no/such/spec.yaml"));
        Assert.Contains("/no/such/spec.yaml", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Theory]
    [InlineData("{{{{")]
    [InlineData("- a\n- b\n")]
    [InlineData("name: [a, b]\ngrid: {depth: 1, width: 4}\n")]
    [InlineData("name: x\ngrid:\n  depth: {a: 1}\n  width: 4\n")]
    [InlineData("name: x\ngrid:\n  depth: [[1]]\n  width: 4\n")]
    [InlineData("name: x\ngrid:\n  depth: 1e400\n  width: 4\n")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\nseeds: -2\n")]
    [InlineData("name: x\n---\nname: y\n")]
    [InlineData("? [a]\n: b\n")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  depth: 2\n")]
    [InlineData("\t\tname: x")]
    [InlineData("name: &a x\ngrid: *a\n")]
    public void Garbage_never_escapes_as_anything_but_a_user_error(string yaml)
    {
        var error = Record.Exception(() => GridExpander.Expand(Parse(yaml)));
        Assert.IsType<UserInputException>(error);
    }
}
