using SweepCluster.Core;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Cli.Tests;

/// <summary>A journal request that runs out of time is load, not damage: exit code 4 and "run the same command again",
/// never the unreadable-event advice to abandon the sweep (the case of undecodable bytes is in
/// <see cref="SweepJournalCommandTests"/>). The deadline is real: SWEEPCLUSTER_JOURNAL_TIMEOUT made so small that the
/// journal cannot start within it.</summary>
public sealed class JournalTimeoutTests : IDisposable
{
    private const string BusySentence = "the machine was too busy; nothing was lost; run the same command again";

    private readonly string _folder = Directory.CreateTempSubdirectory("journal-timeout-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Dictionary<string, string?> TinyDeadline = new() { [JournalVariables.Timeout.Name] = "0.001" };

    [Fact]
    public void Report_and_resume_that_outrun_the_journal_deadline_exit_4_and_leave_the_sweep_whole()
    {
        string dir = Path.Combine(_folder, "out");
        Assert.Equal(0, CliProcess.Run("run", SmallSpec.Write(_folder), "--out", dir).ExitCode);
        byte[] journal = File.ReadAllBytes(Path.Combine(dir, "journal.db"));

        foreach (string[] command in new[] { new[] { "report", dir }, ["resume", dir] })
        {
            var outcome = CliProcess.RunWith(TinyDeadline, command);
            Assert.True(outcome.ExitCode == UserErrors.TimeoutExitCode, $"{command[0]}: exit {outcome.ExitCode}: {outcome.StdOut}{outcome.StdErr}");
            TrialCommandTests.AssertOneSentence(outcome.StdErr);
            Assert.Contains(BusySentence, outcome.StdErr);
            Assert.Contains(JournalVariables.Timeout.Name, outcome.StdErr);
            Assert.DoesNotContain("cannot read", outcome.StdErr);
        }

        Assert.Equal(journal, File.ReadAllBytes(Path.Combine(dir, "journal.db")));
        var again = CliProcess.Run("report", dir);
        Assert.True(again.ExitCode == 0, $"exit {again.ExitCode}: {again.StdErr}");
    }

    [Theory]
    [InlineData(null, 120.0)]
    [InlineData("600", 600.0)]
    [InlineData("0.5", 0.5)]
    public void The_deadline_is_the_variables_seconds_or_two_minutes(string? text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), JournalVariables.Timeout.Parse(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("two minutes")]
    public void A_deadline_that_is_not_a_positive_number_of_seconds_is_refused_in_one_sentence(string text)
    {
        var refused = Assert.Throws<UserInputException>(() => JournalVariables.Timeout.Parse(text));
        Assert.Contains($"{JournalVariables.Timeout.Name} is '{text}'", refused.Message);
    }

    [Theory]
    [InlineData(null, 60.0)]
    [InlineData("300", 300.0)]
    public void The_outage_window_is_the_variables_seconds_or_a_minute(string? text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), JournalVariables.Outage.Parse(text));

    [Fact]
    public void An_outage_window_that_is_not_a_positive_number_of_seconds_is_refused_in_one_sentence()
    {
        var refused = Assert.Throws<UserInputException>(() => JournalVariables.Outage.Parse("a minute"));
        Assert.Contains($"{JournalVariables.Outage.Name} is 'a minute'", refused.Message);
    }
}
