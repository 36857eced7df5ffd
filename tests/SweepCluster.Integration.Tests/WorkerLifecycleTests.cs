using System.Diagnostics;
using System.Globalization;

namespace SweepCluster.Integration.Tests;

/// <summary>A worker's life, with real processes: it exits 0 with one line once its coordinator's sweep has finished
/// (--stay keeps it for the next sweep), and Ctrl+C or SIGTERM, to it alone or to its whole process group, stops it
/// in under 5 s with exit code 130 and no exception, every time.</summary>
public sealed class WorkerLifecycleTests : IDisposable
{
    private const int SigInt = 2, SigTerm = 15;
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);
    private readonly string _folder = Directory.CreateTempSubdirectory("worker-life-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string[] Worker(int port, params string[] extra) =>
        ["worker", "--seed", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--slots", "1", "--threads", "1", .. extra];

    private CliNode Coordinator(string name, int port, int epochs, int seeds) =>
        new("coordinator", "coordinator", TrialLines.WriteSpec(_folder, name, epochs: epochs, seeds: seeds), "--out", Path.Combine(_folder, name),
            "--port", port.ToString(CultureInfo.InvariantCulture), "--slots", "0");

    // Each sweep has one worker, so that worker must have joined it: a second worker could still be joining when a
    // short sweep ends (seen at load 20), and then it rightly waits for a coordinator instead of learning of the end.
    [Fact]
    public void A_worker_exits_0_with_one_line_when_its_sweep_has_finished()
    {
        int port = Ports.Free();
        using var coordinator = Coordinator("finishing", port, epochs: 20, seeds: 1);
        using var leaving = new CliNode("worker", Worker(port));
        string Logs() => $"coordinator:\n{coordinator.Output}\nworker:\n{leaving.Output}";

        string? stalled = coordinator.WaitForSweepEnd(Path.Combine(_folder, "finishing", "trials.jsonl"));
        Assert.True(stalled is null, $"{stalled}\n{Logs()}");
        Assert.Equal(0, coordinator.ExitCode);
        // Its coordinator is gone, so a worker left waiting for it would print that it joins again.
        Assert.True(leaving.WaitForExit(TimeSpan.FromSeconds(60)), $"the worker stayed after its sweep finished\n{Logs()}");
        Assert.Equal(0, leaving.ExitCode);
        Assert.Single(leaving.Output.Split('\n'), line => line.Contains("has finished", StringComparison.Ordinal));
        Assert.Contains("worker: the sweep at akka.tcp://sweepcluster@127.0.0.1:", leaving.Output);
        Assert.DoesNotContain("joining", leaving.Output);
    }

    [Fact]
    public void A_worker_with_stay_outlives_its_sweep_and_runs_the_next_one()
    {
        int port = Ports.Free();
        using var first = Coordinator("first", port, epochs: 20, seeds: 1);
        using var staying = new CliNode("worker-stay", Worker(port, "--stay"));
        string Logs() => $"first:\n{first.Output}\nworker-stay:\n{staying.Output}";

        string? stalled = first.WaitForSweepEnd(Path.Combine(_folder, "first", "trials.jsonl"));
        Assert.True(stalled is null, $"{stalled}\n{Logs()}");
        Assert.Equal(0, first.ExitCode);
        Eventually.True(() => staying.Output.Contains("--stay: joining akka.tcp://"), TimeSpan.FromSeconds(60), Logs);
        Assert.False(staying.HasExited, Logs());

        // The next sweep at the same address is run by the worker that stayed (the only one there).
        using var next = Coordinator("next", port, epochs: 20, seeds: 1);
        string? nextStalled = next.WaitForSweepEnd(Path.Combine(_folder, "next", "trials.jsonl"));
        Assert.True(nextStalled is null, $"{nextStalled}\nnext:\n{next.Output}\n{Logs()}");
        Assert.Equal(0, next.ExitCode);
        Assert.False(staying.HasExited, Logs());
    }

    [Theory]
    [InlineData(SigInt, true)]
    [InlineData(SigInt, false)]
    [InlineData(SigTerm, false)]
    public void A_signalled_worker_stops_within_5_s_with_exit_130_and_no_exception(int signal, bool wholeGroup)
    {
        int port = Ports.Free();
        // Trials long enough that the worker is training when signalled.
        using var coordinator = Coordinator($"signal-{signal}-{wholeGroup}", port, epochs: 4000, seeds: 2);
        using var worker = new CliNode("worker", Worker(port), new Dictionary<string, string>(), ownProcessGroup: true);
        string Logs() => $"coordinator:\n{coordinator.Output}\nworker:\n{worker.Output}";
        Eventually.True(() => SweepCluster.Tests.Shared.SweepProgressWatchdog.SlotsBusy(coordinator.Output), SweepCluster.Tests.Shared.SweepProgressWatchdog.DefaultStall, Logs);

        var clock = Stopwatch.StartNew();
        worker.Signal(signal, wholeGroup);
        bool exited = worker.WaitForExit(TimeSpan.FromMinutes(1));

        Assert.True(exited, $"the worker did not stop within a minute\n{Logs()}");
        Assert.True(clock.Elapsed < StopBound, $"the worker took {clock.Elapsed.TotalSeconds:F1} s to stop\n{Logs()}");
        Assert.Equal(130, worker.ExitCode);
        Assert.Contains("worker stopping", worker.Output);
        Assert.DoesNotContain("Exception", worker.Output);
    }
}
