namespace SweepCluster.Cli.Tests;

/// <summary>Inputs that once crashed the executable (float overflow, a huge width, a folder where a file belongs, an
/// unwritable --out): each is one sentence and exit code 2, with nothing written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bad-input-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("training:\n  learning_rate: 1e39\n", "training.learning_rate")]
    [InlineData("training:\n  clip: 1e308\n", "training.clip")]
    [InlineData("information:\n  loss_clip: 1e39\n", "information.loss_clip")]
    [InlineData("training:\n  epochs: 1e9\n", "training.epochs")]
    [InlineData("", "grid.sgld_noise", "  sgld_noise: 1e308\n")]
    [InlineData("", "grid.width", "  depth: 2\n  width: 100000\n")]
    public void A_value_that_cannot_run_is_one_sentence_naming_the_key(string section, string key, string grid = "")
    {
        string gridText = grid.Contains("width") ? grid : "  depth: 1\n  width: 4\n" + grid;
        string spec = Path.Combine(_folder, "bad.yaml");
        File.WriteAllText(spec, $"name: bad\n{section}grid:\n{gridText}");
        var outcome = CliProcess.Run("trial", spec);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(key, outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Fact]
    public void A_folder_given_as_the_spec_is_called_a_folder()
    {
        var outcome = CliProcess.Run("trial", _folder);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("is a directory", outcome.StdErr);
        Assert.DoesNotContain("does not exist", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Fact]
    public void An_out_folder_under_a_regular_file_is_one_sentence_and_writes_nothing()
    {
        string file = Path.Combine(_folder, "plain.txt");
        File.WriteAllText(file, "keep");
        var outcome = CliProcess.Run("run", "cluster-config/sweeps/one-trial.yaml", "--out", Path.Combine(file, "sweep"), "--metrics-port", "0");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("which is a regular file", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
        Assert.Equal("keep", File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void An_out_folder_on_a_read_only_file_system_is_one_sentence()
    {
        // /proc refuses new entries, even to root.
        var outcome = CliProcess.Run("run", "cluster-config/sweeps/one-trial.yaml", "--out", "/proc/sweepcluster-out", "--metrics-port", "0");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--out /proc/sweepcluster-out cannot be written", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }
}
