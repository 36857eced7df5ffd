namespace SweepCluster.Integration.Tests;

/// <summary>The journal in a real PostgreSQL server (Debian's package, started on 127.0.0.1 for each test): a killed
/// sweep resumes, a second writer is refused, and a database that fails mid-sweep stops it without losing a trial.</summary>
public sealed class PostgresJournalTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("pg-sweep-").FullName;
    private readonly PostgresServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private CliNode Start(params string[] arguments) => new("run", [.. arguments, "--journal", _server.ConnectionString], new Dictionary<string, string>());

    private void AssertAllTwelveOnce(string jsonl)
    {
        var ids = TrialLines.Ids(jsonl);
        Assert.Equal(12, ids.Count);
        Assert.Equal(12, ids.Distinct().Count());
    }

    [Fact]
    public void A_killed_sweep_resumes_from_postgresql_and_its_report_matches_the_live_files()
    {
        string spec = TrialLines.WriteSpec(_folder, "pg-resume"), dir = Path.Combine(_folder, "out"), jsonl = Path.Combine(dir, "trials.jsonl");
        using (var killed = Start("run", spec, "--out", dir))
        {
            Eventually.True(() => TrialLines.Ids(jsonl).Count >= 3 || killed.HasExited, Patience, () => killed.Output);
            Assert.False(killed.HasExited, killed.Output);
            killed.Kill();
            killed.WaitForExit(Patience);
        }
        Assert.DoesNotContain("journal.db", Directory.GetFiles(dir).Select(Path.GetFileName));

        using (var resumed = Start("resume", dir))
        {
            string? stalled = resumed.WaitForSweepEnd(jsonl);
            Assert.True(stalled is null, $"{stalled}\n{resumed.Output}");
            Assert.True(resumed.ExitCode == 0, resumed.Output);
        }
        AssertAllTwelveOnce(jsonl);

        var live = new[] { "trials.jsonl", "trials.csv", "curves.csv", "curves.json" }.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(dir, f)));
        foreach (var file in live.Keys) File.Delete(Path.Combine(dir, file));
        using (var report = Start("report", dir))
        {
            Assert.True(report.WaitForExit(Patience) && report.ExitCode == 0, report.Output);
        }
        foreach (var (file, text) in live) Assert.True(text == File.ReadAllText(Path.Combine(dir, file)), $"report rebuilt {file} differently");
    }

    [Fact]
    public void A_second_coordinator_on_the_same_postgresql_journal_is_refused()
    {
        string spec = TrialLines.WriteSpec(_folder, "pg-writer"), dir = Path.Combine(_folder, "out");
        // A coordinator with no workers holds the sweep (and its lock) while it waits.
        using var holder = Start("coordinator", spec, "--out", dir, "--port", Ports.Free().ToString(), "--slots", "0");
        Eventually.True(() => holder.Output.Contains("journal PostgreSQL") || holder.HasExited, Patience, () => holder.Output);
        Assert.False(holder.HasExited, holder.Output);

        using var second = Start("resume", dir, "--slots", "1");
        Assert.True(second.WaitForExit(Patience), second.Output);
        Assert.Equal(3, second.ExitCode);
        Assert.Contains("another coordinator is writing this sweep's journal (PostgreSQL database sweeps on 127.0.0.1", second.Output);
        Assert.False(holder.HasExited, "the refused second writer disturbed the first");
    }

    [Fact]
    public void A_database_that_fails_mid_sweep_stops_it_with_a_clear_error_and_loses_no_trial()
    {
        string spec = TrialLines.WriteSpec(_folder, "pg-fail"), dir = Path.Combine(_folder, "out"), jsonl = Path.Combine(dir, "trials.jsonl");
        using (var sweep = Start("run", spec, "--out", dir))
        {
            Eventually.True(() => TrialLines.Ids(jsonl).Count >= 2 || sweep.HasExited, Patience, () => sweep.Output);
            _server.Stop();
            Assert.True(sweep.WaitForExit(Patience), $"the sweep did not stop when its database did\n{sweep.Output}");
            Assert.Equal(3, sweep.ExitCode);
            Assert.Contains("the sweep stopped because the journal could not be written", sweep.Output);
            Assert.Contains($"continue with: sweepcluster resume {dir}", sweep.Output);
        }
        int kept = TrialLines.Ids(jsonl).Count;
        Assert.True(kept >= 2, $"{kept} trials kept");

        _server.Restart();
        using (var resumed = Start("resume", dir))
        {
            string? stalled = resumed.WaitForSweepEnd(jsonl);
            Assert.True(stalled is null, $"{stalled}\n{resumed.Output}");
            Assert.True(resumed.ExitCode == 0, resumed.Output);
            Assert.Contains($"{kept} ended before this start", resumed.Output);
        }
        AssertAllTwelveOnce(jsonl);
    }
}
