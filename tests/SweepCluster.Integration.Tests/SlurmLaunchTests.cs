using Xunit.Abstractions;
using System.Diagnostics;
using System.Text.Json.Nodes;
using SweepCluster.Integration.Tests.Chaos;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Integration.Tests;

/// <summary>deploy/slurm/sweep.sbatch submitted with sbatch to a real Slurm (a one-node cluster on this host,
/// tests/scripts/slurm-cluster.sh): the job runs the coordinator and, through srun, one worker on its node, with mutual
/// TLS between them and the certificates made by the script; every trial ends once, in trials.jsonl and in the journal.
/// Then the same with `scontrol requeue` in the middle of the sweep: the requeued job continues the same sweep. Needs
/// root (slurmd runs the jobs).</summary>
public sealed class SlurmLaunchTests : IDisposable
{
    private static readonly string BatchScript = Path.Combine(TestRepository.Root, "deploy", "slurm", "sweep.sbatch");
    private readonly string _folder = Directory.CreateTempSubdirectory("slurm-launch-").FullName;
    private readonly SlurmCluster _slurm;
    private readonly ITestOutputHelper _output;

    public SlurmLaunchTests(ITestOutputHelper output)
    {
        _output = output;
        _slurm = new SlurmCluster();
    }

    public void Dispose()
    {
        _slurm.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_sweep_submitted_with_sbatch_runs_every_trial_once_over_mutual_TLS()
    {
        string spec = TrialLines.WriteSpec(_folder, "slurm");
        var clock = Stopwatch.StartNew();
        string job = Submit(spec, packSize: 32);
        var state = WaitForJobEnd(job);
        string log = JobLog();
        _output.WriteLine($"job {job} ended {state["JobState"]} in {clock.Elapsed.TotalSeconds:F0} s");

        Assert.True(state["JobState"] == "COMPLETED" && state["ExitCode"] == "0:0", $"job {job}: {state["JobState"]} {state["ExitCode"]}\n{log}");
        AssertEveryTrialOnce(planned: 12, log);
        // The script made the certificates, and the worker reached the coordinator over TLS at its Slurm node name.
        Assert.True(File.Exists(Path.Combine(Results + ".certs", "coordinator.p12")) && File.Exists(Path.Combine(Results + ".certs", "worker.p12")), log);
        Assert.Contains($"coordinator at akka.ssl.tcp://sweepcluster@{Environment.MachineName.Split('.')[0]}:", log);
        Assert.Contains("--devices auto --slots 1 (CUDA_VISIBLE_DEVICES=none)", log);
    }

    [Fact]
    public void A_job_requeued_mid_sweep_continues_the_same_sweep_and_runs_every_trial_once()
    {
        // 18 trials of a few seconds each, one at a time, so that the requeue lands with trials ended and trials left.
        string spec = TrialLines.WriteSpec(_folder, "slurm-requeue", epochs: 200, seeds: 3);
        const int planned = 18;
        var clock = Stopwatch.StartNew();
        string job = Submit(spec, packSize: 1);
        string jsonl = Path.Combine(Results, "trials.jsonl");

        // Wait (judging progress) until some trials have ended, then requeue the running job.
        var watchdog = new SweepProgressWatchdog(jsonl);
        string? stalled = watchdog.WaitUntil(() => watchdog.EndedTrials() >= 4 || JobEnded(job));
        Assert.True(stalled is null, $"{stalled}\n{JobLog()}");
        Assert.False(JobEnded(job), $"the job ended before the requeue\n{JobLog()}");
        string sweepJson = File.ReadAllText(Path.Combine(Results, "sweep.json"));
        var endedBefore = TrialLines.Ids(jsonl);
        var requeuedAt = clock.Elapsed;
        _slurm.Command("scontrol", "requeue", job);
        _output.WriteLine($"requeued job {job} at {requeuedAt.TotalSeconds:F0} s with {endedBefore.Count} of {planned} trials ended");

        int stoppedWith = StartRequeuedJobNow(job);

        var (ids, log) = AssertContinuedOnce(job, planned, stoppedWith, "TERM", clock);
        Assert.Equal(sweepJson, File.ReadAllText(Path.Combine(Results, "sweep.json")));
        Assert.Equal(endedBefore, ids.Take(endedBefore.Count));
    }

    /// <summary>The job's first run was stopped in order by the script's trap on <paramref name="signal"/> with
    /// <paramref name="stoppedWith"/> of the trials ended, and its one requeued run continued the same sweep to the end,
    /// every trial once. The trial ids in trials.jsonl's order, and the job's log.</summary>
    private (IReadOnlyList<string> Ids, string Log) AssertContinuedOnce(string job, int planned, int stoppedWith, string signal, Stopwatch clock)
    {
        var state = WaitForJobEnd(job);
        string log = JobLog();
        _output.WriteLine($"job {job} ended {state["JobState"]} after {state["Restarts"]} restart(s) in {clock.Elapsed.TotalSeconds:F0} s; " +
                          $"{stoppedWith} trials had ended when {signal} stopped the first run");
        Assert.True(state["JobState"] == "COMPLETED" && state["ExitCode"] == "0:0", $"job {job}: {state["JobState"]} {state["ExitCode"]}\n{log}");
        Assert.Equal("1", state["Restarts"]);
        Assert.True(stoppedWith < planned, $"the sweep had ended ({stoppedWith} trials) before {signal} stopped it\n{log}");
        Assert.Contains($"got {signal}: stopping the coordinator and the workers", log);
        Assert.Contains($"interrupted: {stoppedWith} of {planned} trials ended and are kept", log);
        Assert.Contains("(restart 1): " + Results + " already holds a sweep; continuing it", log);
        Assert.False(Directory.Exists(Results + "-2"), "the requeued job started a new sweep in DIR-2");
        return (AssertEveryTrialOnce(planned, log), log);
    }

    /// <summary>Waits until the job has been requeued and is pending, then lets it start at once (Slurm holds a
    /// requeued job back two minutes, its begin time). The trials that had ended when its first run stopped.</summary>
    private int StartRequeuedJobNow(string job)
    {
        Eventually.True(() => _slurm.Job(job) is var j && j["Restarts"] == "1" && j["JobState"] == "PENDING",
            TimeSpan.FromMinutes(2), () => $"job {job} was not requeued: {_slurm.Job(job)["JobState"]}\n{JobLog()}");
        int stoppedWith = TrialLines.Ids(Path.Combine(Results, "trials.jsonl")).Count;
        _slurm.Command("scontrol", ["update", $"JobId={job}", "StartTime=now"]);
        return stoppedWith;
    }

    private string Results => Path.Combine(_folder, "out");

    private string JobLog() => File.Exists(Path.Combine(_folder, "job.out")) ? File.ReadAllText(Path.Combine(_folder, "job.out")) : "(no job output)";

    /// <summary>sbatch of the batch script on SPEC into <see cref="Results"/>: one CPU, one worker slot, TLS, the
    /// executable built beside the tests; its job id.</summary>
    private string Submit(string spec, int packSize)
    {
        string apphost = Path.Combine(AppContext.BaseDirectory, "sweepcluster");
        string executable = File.Exists(apphost) ? apphost : $"dotnet {Path.Combine(AppContext.BaseDirectory, "sweepcluster.dll")}";
        var environment = new Dictionary<string, string>
        {
            ["SWEEPCLUSTER"] = executable,
            ["SWEEPCLUSTER_TLS_PASSWORD"] = "slurm test password",
            ["SWEEP_PORT"] = Ports.Free().ToString(),
            ["SWEEP_CPU_SLOTS"] = "1",
            ["SWEEP_COORDINATOR_ARGS"] = "--metrics-port 0",
            ["SWEEP_WORKER_ARGS"] = $"--metrics-port 0 --threads 1 --pack-size {packSize}",
        };
        string id = _slurm.Command("sbatch", environment, ["--parsable", "--cpus-per-task=1", $"--chdir={_folder}",
            $"--output={Path.Combine(_folder, "job.out")}", BatchScript, spec, "out"]).Trim();
        Assert.Matches("^[0-9]+$", id);
        return id;
    }

    private bool JobEnded(string job) => SlurmCluster.Ended(_slurm.Job(job)["JobState"]);

    /// <summary>Waits for the job to end for good, for as long as trials keep ending; its final fields.</summary>
    private IReadOnlyDictionary<string, string> WaitForJobEnd(string job)
    {
        var watchdog = new SweepProgressWatchdog(Path.Combine(Results, "trials.jsonl"));
        var asked = Stopwatch.StartNew();
        bool ended = false;
        string? stalled = watchdog.WaitUntil(() =>
        {
            // scontrol once a second, not at every poll of the watchdog.
            if (asked.Elapsed < TimeSpan.FromSeconds(1)) return false;
            asked.Restart();
            return ended = JobEnded(job);
        });
        Assert.True(stalled is null && ended, $"job {job}: {stalled}\n{JobLog()}\n{_slurm.SlurmLogs()}");
        return _slurm.Job(job);
    }

    /// <summary>Every planned trial ended exactly once: in trials.jsonl (lines = distinct ids = planned) and in the
    /// journal (one final event per trial, for the same trials, in one sweep). The ids in trials.jsonl's order.</summary>
    private IReadOnlyList<string> AssertEveryTrialOnce(int planned, string log)
    {
        var ids = TrialLines.Ids(Path.Combine(Results, "trials.jsonl"));
        Assert.True(ids.Count == planned && ids.Distinct().Count() == planned,
            $"trials.jsonl: {ids.Count} lines, {ids.Distinct().Count()} trials, {planned} planned\n{log}");
        var events = JournalEvent.ReadAll(Path.Combine(Results, "journal.db"));
        // One sweep, defined once: a requeued job continued it rather than starting another.
        Assert.Single(events, e => e.Kind == "sweep-defined");
        var ended = events
            .Where(e => e.Kind == "trial-completed" || e.Kind == "trial-attempt-failed" && e.Body["final"]?.GetValue<bool>() == true)
            .GroupBy(e => e.Trial)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.True(ended.Count == planned && ended.Values.All(n => n == 1),
            $"journal: {ended.Count} trials ended, {ended.Values.Count(n => n > 1)} more than once, {planned} planned\n{log}");
        Assert.True(ended.Keys.ToHashSet().SetEquals(ids), "the journal and trials.jsonl name different trials");
        return ids;
    }
}
