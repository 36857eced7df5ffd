using System.Diagnostics;
using System.Text.Json.Nodes;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Cli.Tests;

/// <summary>`status DIR` reads a sweep from its journal without disturbing it: on a finished sweep it leaves every file
/// byte for byte and time for time as it was; on a live one it shows progress and a rate while the run carries on.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("status-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Dir => Path.Combine(_folder, "out");

    [Fact]
    public void A_finished_sweep_shows_its_counts_and_verdicts_and_keeps_every_file_as_it_was()
    {
        var run = CliProcess.Run("run", SmallSpec.Write(_folder, "status", depths: "[1, 2, 3]", seeds: 2, epochs: 3), "--out", Dir);
        Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
        var before = Files(Dir);

        var text = CliProcess.Run("status", Dir);
        var json = CliProcess.Run("status", Dir, "--json");

        Assert.True(text.ExitCode == 0, text.StdErr);
        Assert.Contains($"sweep status in {Dir}: finished", text.StdOut);
        Assert.Contains("trials: 6 planned, 6 completed, 0 failed, 0 running, 0 pending", text.StdOut);
        Assert.Contains("verdicts (report.md): P1 ", text.StdOut);
        var status = JsonNode.Parse(json.StdOut)!.AsObject();
        Assert.False(status["live"]!.GetValue<bool>());
        Assert.Equal(6, status["completed"]!.GetValue<int>());
        Assert.Equal(7, status["verdicts"]!.AsObject().Count);
        Assert.Equal(before, Files(Dir));
    }

    [Fact]
    public async Task A_live_sweep_shows_progress_and_a_rate_and_runs_on_undisturbed()
    {
        // One slot, one trial at a time: 600 trials, far more than end while status is read (a status process takes
        // seconds on a busy machine). The run is stopped once it has gone on after the read.
        const int trials = 600;
        var start = SweepclusterExecutable.StartInfo(["run", SmallSpec.Write(_folder, "status", depths: "[1, 2, 3]", seeds: trials / 3, epochs: 300, trainSize: 1000), "--out", Dir, "--slots", "1", "--threads", "1", "--pack-size", "1"]);
        using var run = Process.Start(start)!;
        Task<string> stdout = run.StandardOutput.ReadToEndAsync(), stderr = run.StandardError.ReadToEndAsync();
        try
        {
            JsonObject? seen = null;
            WhileProgressing(run, () =>
            {
                var outcome = CliProcess.Run("status", Dir, "--json");
                if (outcome.ExitCode != 0) return false; // the folder is not made yet
                var status = JsonNode.Parse(outcome.StdOut)!.AsObject();
                if (!status["live"]!.GetValue<bool>() || status["per_minute"] is null) return false;
                seen = status;
                return true;
            });
            if (seen is null) Assert.Fail($"the sweep ended before status saw it live: {await stdout}{await stderr}");
            int ended = seen["completed"]!.GetValue<int>() + seen["failed"]!.GetValue<int>();
            Assert.Equal(trials, seen["total"]!.GetValue<int>());
            Assert.Equal(trials, ended + seen["running"]!.GetValue<int>() + seen["pending"]!.GetValue<int>());
            Assert.InRange(ended, 1, trials - 1);
            Assert.True(seen["eta_seconds"]!.GetValue<double>() > 0);

            // The run goes on ending trials after status read its journal; then it is stopped mid-sweep.
            WhileProgressing(run, () => Lines() > ended + 1);
            // Only read the run's output once it has exited: awaiting it first would wait for the whole sweep.
            if (run.HasExited) Assert.Fail($"the run stopped after status read it: {await stdout}{await stderr}");
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();

            var stopped = CliProcess.Run("status", Dir);
            Assert.True(stopped.ExitCode == 0, stopped.StdErr);
            Assert.True(stopped.StdOut.Contains($"sweep status in {Dir}: stopped with "), stopped.StdOut);
            Assert.Contains($"continue it with: sweepcluster resume {Dir}", stopped.StdOut);
            // Nothing runs once the coordinator is gone: the trial it had handed out waits for a resume as pending.
            Assert.Contains(" failed, 0 running, ", stopped.StdOut);
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
        }
    }

    private int Lines()
    {
        string jsonl = Path.Combine(Dir, "trials.jsonl");
        return File.Exists(jsonl) ? File.ReadAllLines(jsonl).Length : 0;
    }

    /// <summary>Calls <paramref name="done"/> until it answers true or the run exits, failing when no trial has ended
    /// for two minutes (a stalled sweep), never on the total time a busy machine takes.</summary>
    private void WhileProgressing(Process run, Func<bool> done)
    {
        int lines = -1;
        var quiet = Stopwatch.StartNew();
        while (!run.HasExited)
        {
            if (done()) return;
            int now = Lines();
            if (now != lines) (lines, quiet) = (now, Stopwatch.StartNew());
            Assert.True(quiet.Elapsed < TimeSpan.FromMinutes(2), $"no trial ended for two minutes ({lines} so far)");
            Thread.Sleep(200);
        }
    }

    /// <summary>Every file under <paramref name="dir"/> with its bytes' hash and its last write time.</summary>
    private static List<string> Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(dir, f)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))} {File.GetLastWriteTimeUtc(f):O}")
            .ToList();
}
