using System.Text.RegularExpressions;

namespace SweepCluster.Cli.Tests;

/// <summary>The command line is strict: a misspelt flag or command is refused in one sentence naming the nearest known
/// one, exit code 2, before anything runs; `--version` names the build's commit.</summary>
public sealed class CommandLineTests
{
    private const string OneTrial = "cluster-config/sweeps/one-trial.yaml";

    [Theory]
    [InlineData("--device", "cuda:0", "did you mean --devices?")]
    [InlineData("--devcies", "0", "did you mean --devices?")]
    [InlineData("--pack-szie", "4", "did you mean --pack-size?")]
    public void A_misspelt_flag_is_refused_with_the_nearest_flag(string flag, string value, string suggestion)
    {
        string outDir = Path.Combine(Path.GetTempPath(), $"strict-{Guid.NewGuid():N}");
        var outcome = CliProcess.Run("run", OneTrial, "--out", outDir, flag, value);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"'run' has no flag {flag} ({suggestion})", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
        Assert.False(Directory.Exists(outDir), "the refused command ran");
    }

    [Theory]
    [InlineData("--bogus-flag")]
    // Every one-letter flag is one edit from another: no suggestion, but the flag and the verb are named.
    [InlineData("-x")]
    public void A_flag_like_no_other_is_refused_without_a_misleading_suggestion(string flag)
    {
        var outcome = CliProcess.Run("run", OneTrial, flag, "3");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"'run' has no flag {flag}; run 'sweepcluster run --help' for its flags.", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Theory]
    [InlineData("rnu", "did you mean 'run'?")]
    [InlineData("stauts", "did you mean 'status'?")]
    public void A_misspelt_command_is_refused_with_the_nearest_command(string verb, string suggestion)
    {
        var outcome = CliProcess.Run(verb, OneTrial);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"'{verb}' is not a sweepcluster command ({suggestion})", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Fact]
    public void Each_verb_checks_its_own_flags()
    {
        // --json is trial's, not run's; --set is both run's and trial's.
        var outcome = CliProcess.Run("run", OneTrial, "--json");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'run' has no flag --json", outcome.StdErr);
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
    }

    [Fact]
    public void Version_prints_the_version_and_the_commit_it_was_built_from()
    {
        var outcome = CliProcess.Run("--version");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+ \(commit [0-9a-f]{7,40}\)$"), outcome.StdOut.Trim());
    }
}
