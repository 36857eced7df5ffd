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
        Assert.Equal("frozen_features", spec.Training.Mode.Word());
        Assert.Equal(ScheduleKind.InverseTime, spec.Training.Schedule);
        Assert.Equal(0.01, spec.Training.LrDecay);
        Assert.Equal(3, spec.Training.MaxAttempts);
        Assert.Equal(SgldParameterization.InverseTemperature, spec.Training.SgldParameterization);
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
    public void Pack_size_is_optional_and_changes_no_trial_id()
    {
        const string yaml = "name: tiny\ngrid:\n  depth: 1\n  width: 4\nseeds: 3\n";
        var packed = Parse(yaml + "pack_size: 2\n");
        Assert.Null(Parse(yaml).PackSize);
        Assert.Equal(2, packed.PackSize);
        Assert.Equal(GridExpander.Expand(Parse(yaml)).Select(t => t.Id), GridExpander.Expand(packed).Select(t => t.Id));
    }

    [Fact]
    public void Axis_values_override_the_section_setting_for_their_grid_point()
    {
        var trials = GridExpander.Expand(Parse(Full));
        Assert.Equal([0.01, 0.1], trials.Select(t => t.Config.Training.LearningRate).Distinct());
        Assert.All(trials, t => Assert.Equal("relu", t.Config.Model.Activation.Word()));
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
    [InlineData("name: x\ninformation:\n  eval_points: 1\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:16", "information.eval_points", "[2, 100000]")]
    [InlineData("name: x\ntraining:\n  batch_size: 0\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:15", "training.batch_size", "[1, 1000000]")]
    [InlineData("name: x\ntraining:\n  learning_rate: 0\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:18", "training.learning_rate", "(0, 1000]")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  learning_rate: [0.1, -0.1]\n", "test.yaml:5:24", "grid.learning_rate", "positive")]
    [InlineData("name: x\ntraining:\n  clip: -1\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:9", "training.clip", "[0, 1000000]")]
    [InlineData("name: x\ntraining:\n  max_attempts: 0\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:17", "training.max_attempts", "[1, 100]")]
    [InlineData("name: x\ntraining:\n  epochs: many\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:11", "training.epochs", "whole number, not 'many'")]
    [InlineData("name: x\ntraining:\n  schedule: cosine\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:13", "training.schedule", "constant, inverse_time")]
    [InlineData("name: x\nmodel:\n  activation: sigmoid\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:15", "model.activation", "tanh, relu")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  mode: layerwise\n", "test.yaml:5:9", "grid.mode", "end_to_end, frozen_features")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  sgld_noise: -0.1\n", "test.yaml:5:15", "grid.sgld_noise", "negative")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  input_noise: -2\n", "test.yaml:5:16", "grid.input_noise", "negative")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  train_size: 0\n", "test.yaml:5:15", "grid.train_size", "from 1")]
    [InlineData("name: x\ndataset:\n  class_subset: 4\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:17", "dataset.class_subset", "list of labels")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\nseeds: [0, -3]\n", "test.yaml:5:12", "seeds", "[0, inf)")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\npack_size: 0\n", "test.yaml:5:12", "pack_size", "[1, 64]")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\npack_size: 65\n", "test.yaml:5:12", "pack_size", "[1, 64]")]
    [InlineData("name: x\nmodel:\n  activation: relu\ngrid:\n  depth: 1\n  width: 4\n  activation: [tanh, relu]\n", "test.yaml:7:15", "model.activation", "one place")]
    [InlineData("name: x\ntraining:\n  optimizer: sgd\ngrid:\n  depth: 1\n  width: 4\n  optimizer: adam\n", "test.yaml:7:14", "training.optimizer (line 3)", "one place")]
    [InlineData("name: x\ngrid:\n  depth: 1\n  width: 4\n  dropuot: 0.1\n", "test.yaml:5:3", "unknown key 'dropuot' in grid", "did you mean 'dropout'?")]
    [InlineData("name: x\ninformation:\n  eval_point: 100\ngrid:\n  depth: 1\n  width: 4\n", "test.yaml:3:3", "unknown key 'eval_point' in information", "did you mean 'eval_points'?")]
    [InlineData("   \n# only a comment\n", "test.yaml", "empty", "'grid'")]
    public void A_mistake_is_one_sentence_with_location_field_and_fix(string yaml, string location, string field, string fix)
    {
        string message = ErrorOf(yaml);
        Assert.Contains(location, message);
        Assert.Contains(field, message);
        Assert.Contains(fix, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void An_idx_dataset_keeps_its_path_and_class_subset_in_order()
    {
        var spec = Parse("name: fashion\ndataset:\n  kind: idx\n  path: /data/fashion\n  class_subset: [9, 4]\ngrid:\n  depth: 1\n  width: 4\n");
        Assert.Equal("idx", spec.Dataset.Kind.Word());
        Assert.Equal("/data/fashion", spec.Dataset.Path);
        Assert.Equal([9, 4], spec.Dataset.ClassSubset);
    }

    [Fact]
    public void Scalar_axes_are_one_value_axes_and_lists_keep_spec_order()
    {
        var spec = Parse(Full);
        Assert.Equal([AxisValue.Of(8)], spec.Grid.Single(a => a.Name == "width").Values);
        Assert.Equal([AxisValue.Of(1000)], spec.Grid.Single(a => a.Name == "sgld_noise").Values);
        Assert.Equal([AxisValue.Of("relu")], spec.Grid.Single(a => a.Name == "activation").Values);
        Assert.Equal([AxisValue.Of(0.5), AxisValue.Of(1)], spec.Grid.Single(a => a.Name == "act_noise").Values);
        Assert.Equal("/specs/test.yaml", spec.SourcePath);
        var trial = GridExpander.Expand(spec)[0].Config;
        Assert.Equal((8, 1000.0, "sgld", 2.0, 5, 32), (trial.Width, trial.SgldNoise, trial.Training.Optimizer.Word(), trial.Training.Clip, trial.Training.Epochs, trial.Training.BatchSize));
        Assert.Equal(ArchitectureKind.Mlp, trial.Model.Architecture);
    }

    [Fact]
    public void A_seed_list_keeps_its_order_and_no_seeds_key_means_seed_zero()
    {
        Assert.Equal([7, 2, 11], Parse("name: x\ngrid:\n  depth: 1\n  width: 4\nseeds: [7, 2, 11]\n").Seeds);
        Assert.Equal([0], Parse("name: x\ngrid:\n  depth: 1\n  width: 4\n").Seeds);
    }

    [Theory]
    [InlineData("name: q\ngrid:\n  depth: [1]\n  width: [4]\n  act_noise: 0\n\n  detph: 3\n", "quickstart.yaml:7:3: unknown key 'detph' in grid; did you mean 'depth'?")]
    [InlineData("name: q\ngrid:\n  depth: 0\n  width: 4\n", "quickstart.yaml:3:10: grid.depth is 0, but must be a whole number from 1 to 1000000; fix that value.")]
    [InlineData("name: q\ntraining:\n  optimizer: rmsprop\ngrid:\n  depth: 1\n  width: 4\n", "quickstart.yaml:3:14: training.optimizer is 'rmsprop', which is not one of sgd, adam, sgld; use one of those.")]
    [InlineData("name: q\ntraining:\n  schedule: cosine\ngrid:\n  depth: 1\n  width: 4\n", "quickstart.yaml:3:13: training.schedule is 'cosine', which is not one of constant, inverse_time; use one of those.")]
    [InlineData("name: q\ntraining:\n  sgld_parameterization: beta\ngrid:\n  depth: 1\n  width: 4\n", "quickstart.yaml:3:26: training.sgld_parameterization is 'beta', which is not one of std, inverse_temperature; use one of those.")]
    [InlineData("name: q\nmodel:\n  architecture: cnn\ngrid:\n  depth: 1\n  width: 4\n", "quickstart.yaml:3:17: model.architecture is 'cnn', which is not one of mlp; use one of those.")]
    [InlineData("name: q\ntraining:\n  clipping: layer\ngrid:\n  depth: 1\n  width: 4\n", "quickstart.yaml:3:13: training.clipping is 'layer', which is not one of auto, per_example, batch; use one of those.")]
    [InlineData("name: q\ngrid:\n  depth: 1\n  width: 4\n  dropout: 1\n", "quickstart.yaml:5:12: grid.dropout is 1, but must lie in [0, 1) (dropout 1 drops every unit); fix that value.")]
    public void The_documented_messages_read_exactly_so(string yaml, string message)
    {
        Assert.Equal(message, Assert.Throws<UserInputException>(() => SpecLoader.Parse(yaml, "/sweeps/quickstart.yaml")).Message);
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
    public void Sgd_with_update_noise_is_noisy_sgd_and_allowed()
    {
        var spec = Parse("name: x\ntraining:\n  optimizer: sgd\ngrid:\n  depth: 1\n  width: 4\n  sgld_noise: 0.1\n");
        Assert.Equal(0.1, Assert.Single(GridExpander.Expand(spec)).Config.SgldNoise);
    }

    [Fact]
    public void A_spec_file_on_disk_loads_and_keeps_its_path()
    {
        string path = Path.Combine(Path.GetTempPath(), $"spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: disk\ngrid:\n  depth: 2\n  width: 4\n  detph: 1\n");
        try
        {
            var error = Assert.Throws<UserInputException>(() => SpecLoader.Load(path));
            Assert.StartsWith($"{Path.GetFileName(path)}:5:3: unknown key 'detph' in grid; did you mean 'depth'?", error.Message);
            File.WriteAllText(path, "name: disk\ngrid:\n  depth: 2\n  width: 4\n");
            Assert.Equal(path, SpecLoader.Load(path).SourcePath);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_names_the_path()
    {
        var error = Assert.Throws<UserInputException>(() => SpecLoader.Load("/no/such/spec.yaml"));
        Assert.Contains("/no/such/spec.yaml", error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Contains("cluster-config/sweeps", error.Message);
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
