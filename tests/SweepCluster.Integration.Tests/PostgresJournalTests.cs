using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

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

    private CliNode Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    private CliNode Start(Dictionary<string, string> environment, params string[] arguments) =>
        new("run", [.. arguments, "--journal", _server.ConnectionString], environment);

    private static void AssertAllTwelveOnce(string jsonl) => AssertAllOnce(jsonl, 12);

    private static void AssertAllOnce(string jsonl, int planned)
    {
        var ids = TrialLines.Ids(jsonl);
        Assert.Equal(planned, ids.Count);
        Assert.Equal(planned, ids.Distinct().Count());
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
    public void A_database_down_past_the_outage_window_stops_the_sweep_with_a_clear_error_and_loses_no_trial()
    {
        string spec = TrialLines.WriteSpec(_folder, "pg-fail"), dir = Path.Combine(_folder, "out"), jsonl = Path.Combine(dir, "trials.jsonl");
        var shortWindow = new Dictionary<string, string> { ["SWEEPCLUSTER_JOURNAL_OUTAGE"] = "3" };
        using (var sweep = Start(shortWindow, "run", spec, "--out", dir))
        {
            Eventually.True(() => TrialLines.Ids(jsonl).Count >= 2 || sweep.HasExited, Patience, () => sweep.Output);
            _server.Stop();
            Assert.True(sweep.WaitForExit(Patience), $"the sweep did not stop when its database stayed down\n{sweep.Output}");
            Assert.Equal(3, sweep.ExitCode);
            Assert.Contains("the sweep stopped because the journal's database could not be reached for", sweep.Output);
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

    [Fact]
    public async Task A_database_down_for_20_s_mid_sweep_pauses_it_and_the_sweep_ends_with_every_trial_once()
    {
        const int planned = 18;
        string spec = TrialLines.WriteSpec(_folder, "pg-outage", epochs: 100, seeds: 3), dir = Path.Combine(_folder, "out"),
            jsonl = Path.Combine(dir, "trials.jsonl");
        int metricsPort = Ports.Free();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var sweep = Start("run", spec, "--out", dir, "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture));
        Eventually.True(() => TrialLines.Ids(jsonl).Count >= 3 || sweep.HasExited, Patience, () => sweep.Output);
        Assert.False(sweep.HasExited, sweep.Output);

        _server.Stop();
        var outage = Stopwatch.StartNew();
        int? endedEarlyInOutage = null;
        double longestPause = 0;
        while (outage.Elapsed < TimeSpan.FromSeconds(20))
        {
            Assert.False(sweep.HasExited, $"the sweep ended {outage.Elapsed.TotalSeconds:0} s into a 20 s database outage\n{sweep.Output}");
            longestPause = Math.Max(longestPause, await JournalUnreachableSeconds(http, metricsPort));
            await Task.Delay(TimeSpan.FromSeconds(1));
            // Counted once what the journal held before the stop has surely been written out.
            if (outage.Elapsed > TimeSpan.FromSeconds(3)) endedEarlyInOutage ??= TrialLines.Ids(jsonl).Count;
        }
        // Nothing is recorded without the journal: no trial ended while the database was down.
        Assert.True(TrialLines.Ids(jsonl).Count == endedEarlyInOutage, $"trials.jsonl grew during the outage\n{sweep.Output}");
        Assert.True(longestPause > 0, $"sweepcluster_journal_unreachable_seconds stayed 0 through the outage\n{sweep.Output}");
        Assert.Contains("paused: the journal's database has not answered for", sweep.Output);
        _server.Restart();

        string? stalled = sweep.WaitForSweepEnd(jsonl);
        Assert.True(stalled is null, $"{stalled}\n{sweep.Output}");
        Assert.True(sweep.ExitCode == 0, $"exit code {sweep.ExitCode}\n{sweep.Output}");
        Assert.Contains($"finished: {planned} completed, 0 failed of {planned}", sweep.Output);
        AssertAllOnce(jsonl, planned);
    }

    private static async Task<double> JournalUnreachableSeconds(HttpClient http, int port)
    {
        string metrics;
        try
        {
            metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0; // a busy machine: the next scrape
        }
        var gauge = Regex.Match(metrics, @"^sweepcluster_journal_unreachable_seconds (\S+)$", RegexOptions.Multiline);
        Assert.True(gauge.Success, metrics);
        return double.Parse(gauge.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
