using System.Diagnostics;
using System.Globalization;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Integration.Tests.Chaos;

/// <summary>What one chaos run saw: the sweep's size and ending (or why the wait for it gave up: no progress), the
/// kills, and each dead worker's give-back.</summary>
internal sealed record ChaosOutcome(
    string? Stalled, int CoordinatorExitCode, int Trials, int Lost, int Duplicated, int DuplicatedInJournal,
    int WorkerKills, int CoordinatorKills, IReadOnlyList<GiveBack> GiveBacks, IReadOnlyList<string> NeverGivenBack,
    TimeSpan Elapsed, string Logs)
{
    public bool Finished => Stalled is null;

    /// <summary>Give-backs by the coordinator that saw the worker die (not by a restarted coordinator's recovery).</summary>
    public IReadOnlyList<GiveBack> Live => GiveBacks.Where(g => !g.ByRecovery).ToList();

    public double LongestGiveBack => Live.Count == 0 ? 0 : Live.Max(g => g.Seconds);
}

/// <summary>A sweep on loopback (a coordinator with no slots and three one-slot workers, real processes) that is
/// attacked while it runs: a worker killed with SIGKILL after every gap of 1-12 s (drawn at random, so kills overlap
/// with the previous ones' recovery) and started again 1 s later on a new port, and the coordinator killed once at a
/// random moment of the second half and started again 1 s later on its journal, as a supervisor would. Then it lets
/// the sweep finish, for as long as trials keep ending (<see cref="SweepProgressWatchdog"/>): a busy machine is slow, not
/// broken.</summary>
internal sealed class ChaosRun(string folder, int seed, Action<string> log)
{
    /// <summary>How long the attacks go on at most (they stop earlier when the sweep ends).</summary>
    public TimeSpan ChaosFor { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Seeds per grid point: 6 makes 36 trials, so the sweep outlasts most of the attacks.</summary>
    public int Seeds { get; init; } = 6;

    /// <summary>Epochs per trial: 400 (about 2.5 s a trial on an idle core) keeps the sweep going through the attacks
    /// on a quiet machine too: at 150 an idle 2-core machine finished 30 trials in 35 s, before the coordinator kill.</summary>
    public int Epochs { get; init; } = 400;

    private const int Workers = 3;
    private readonly Random _random = new(seed);
    private readonly List<CliNode> _nodes = [];

    public ChaosOutcome Run()
    {
        string spec = TrialLines.WriteSpec(folder, "chaos", epochs: Epochs, seeds: Seeds);
        string results = Path.Combine(folder, "out"), jsonl = Path.Combine(results, "trials.jsonl");
        int port = Ports.Free();
        string[] coordinatorArguments = ["coordinator", spec, "--out", results, "--port", port.ToString(CultureInfo.InvariantCulture), "--slots", "0"];
        var clock = Stopwatch.StartNew();
        var coordinator = Start("coordinator", coordinatorArguments);
        var workers = Enumerable.Range(0, Workers).Select(i => StartWorker(i, port)).ToArray();
        var kills = new List<WorkerKill>();
        int coordinatorKills = 0;
        try
        {
            // Every slot busy, so that the first kill, which must be seen by a coordinator that stays up, hits a
            // worker holding a pack (a worker is idle only between a pack's answer and its next request).
            WaitFor(() => System.Text.RegularExpressions.Regex.IsMatch(coordinator.Node.Output, $"running [{Workers}-9]") || coordinator.Node.HasExited,
                SweepProgressWatchdog.DefaultStall);
            var chaosStart = clock.Elapsed;
            // In the second half, so the first worker kills are seen by a coordinator that stays up through them, or
            // earlier once 40-60 % of the trials have ended, so that a fast machine cannot finish the sweep first.
            var coordinatorKillAt = chaosStart + ChaosFor / 2 + TimeSpan.FromSeconds(_random.NextDouble() * (ChaosFor.TotalSeconds / 2 - 5));
            int coordinatorKillAfterEnded = (int)(3 * 2 * Seeds * (0.4 + 0.2 * _random.NextDouble()));
            // The first worker kill comes early, so that its give-back is seen by a coordinator that is still up.
            var nextWorkerKill = chaosStart + TimeSpan.FromSeconds(1 + _random.NextDouble() * 3);
            while (clock.Elapsed - chaosStart < ChaosFor && !coordinator.Node.HasExited)
            {
                // Both triggers wait until the first worker kill has had its give-back time with the coordinator up: a
                // CI run killed the coordinator 9 s after the first worker kill, and no give-back was seen live.
                bool firstKillSettled = kills.Count > 0 && DateTime.UtcNow - kills[0].At > GiveBackBound.Total;
                if (coordinatorKills == 0 && firstKillSettled
                                          && (clock.Elapsed >= coordinatorKillAt || TrialLines.Ids(jsonl).Count >= coordinatorKillAfterEnded))
                {
                    coordinator.Node.Kill();
                    coordinatorKills++;
                    log($"{clock.Elapsed.TotalSeconds,6:F1} s  kill coordinator");
                    Thread.Sleep(TimeSpan.FromSeconds(1));
                    coordinator = Start("coordinator", coordinatorArguments);
                }
                if (clock.Elapsed >= nextWorkerKill)
                {
                    int victim = _random.Next(Workers);
                    workers[victim].Node.Kill();
                    kills.Add(new WorkerKill(workers[victim].Address, DateTime.UtcNow));
                    log($"{clock.Elapsed.TotalSeconds,6:F1} s  kill worker {victim} ({workers[victim].Address})");
                    Thread.Sleep(TimeSpan.FromSeconds(1));
                    workers[victim] = StartWorker(victim, port);
                    nextWorkerKill = clock.Elapsed + Gap();
                }
                Thread.Sleep(100);
            }
            log($"{clock.Elapsed.TotalSeconds,6:F1} s  attacks over ({kills.Count} worker kills, {coordinatorKills} coordinator kill); waiting for the end");
            string? stalled = coordinator.Node.WaitForSweepEnd(jsonl);
            bool finished = stalled is null;
            var ids = TrialLines.Ids(jsonl);
            int total = 3 * 2 * Seeds;
            var events = File.Exists(Path.Combine(results, "journal.db")) ? JournalEvents(results) : [];
            var completedInJournal = events.Where(e => e.Kind is "trial-completed" or "trial-attempt-failed" && IsFinal(e)).GroupBy(e => e.Trial);
            var giveBacks = GiveBacks.Find(events, kills, out var missing);
            return new ChaosOutcome(
                stalled, finished ? coordinator.Node.ExitCode : -1, total,
                Lost: total - ids.Distinct().Count(), Duplicated: ids.Count - ids.Distinct().Count(),
                DuplicatedInJournal: completedInJournal.Sum(g => g.Count() - 1),
                kills.Count, coordinatorKills, giveBacks, missing, clock.Elapsed, Logs());
        }
        finally
        {
            foreach (var node in _nodes) node.Dispose();
        }
    }

    private static IReadOnlyList<JournalEvent> JournalEvents(string results) => JournalEvent.ReadAll(Path.Combine(results, "journal.db"));

    /// <summary>A completion, or a failure with no attempt left: what ends a trial.</summary>
    private static bool IsFinal(JournalEvent e) => e.Kind == "trial-completed" || e.Body["final"]?.GetValue<bool>() == true;

    private TimeSpan Gap() => TimeSpan.FromSeconds(1 + _random.NextDouble() * 11);

    /// <summary>Packs of two: a kill gives back a whole pack, yet a pack ends between most kills (a pack of the
    /// default size would hold a third of the sweep and be killed again and again before it ends).</summary>
    private (CliNode Node, string Address) StartWorker(int index, int seedPort)
    {
        int port = Ports.Free();
        var (node, _) = Start($"worker-{index}", "worker", "--seed", $"127.0.0.1:{seedPort}", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--slots", "1", "--threads", "1", "--pack-size", "2");
        return (node, $"akka.tcp://sweepcluster@127.0.0.1:{port}");
    }

    private (CliNode Node, string Address) Start(string name, params string[] arguments)
    {
        var node = new CliNode(name, arguments);
        _nodes.Add(node);
        return (node, name);
    }

    private void WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"the sweep did not start within {timeout.TotalSeconds:F0} s\n{Logs()}");
            Thread.Sleep(100);
        }
    }

    private string Logs() => string.Join("\n", _nodes.Select(n => $"--- {n.Name}:\n{n.Output}"));
}
