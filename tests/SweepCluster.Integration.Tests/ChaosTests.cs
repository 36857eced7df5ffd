using Xunit.Abstractions;
using SweepCluster.Integration.Tests.Chaos;

namespace SweepCluster.Integration.Tests;

/// <summary>A sweep under overlapping worker kills and a coordinator kill finishes with every trial recorded once,
/// and each dead worker's trial comes back within the resolver's stable-after plus a stated margin.</summary>
public sealed class ChaosTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_sweep_under_overlapping_kills_finishes_with_nothing_lost_or_twice_and_prompt_give_backs()
    {
        int seed = Environment.TickCount;
        var outcome = new ChaosRun(_folder, seed, output.WriteLine) { ChaosFor = TimeSpan.FromSeconds(35), Seeds = 6 }.Run();
        string Describe() => $"seed {seed}\n{outcome.Logs}";

        output.WriteLine($"{outcome.WorkerKills} worker kills, {outcome.CoordinatorKills} coordinator kill, give-backs (s): " +
                         string.Join(", ", outcome.GiveBacks.Select(g => g.Seconds.ToString("F1") + (g.ByRecovery ? " (by the coordinator's restart)" : ""))));
        Assert.True(outcome.Finished, $"the sweep stalled: {outcome.Stalled}\n{Describe()}");
        Assert.True(outcome.CoordinatorExitCode == 0, $"exit code {outcome.CoordinatorExitCode}\n{Describe()}");
        Assert.Equal((0, 0, 0), (outcome.Lost, outcome.Duplicated, outcome.DuplicatedInJournal));
        Assert.True(outcome.WorkerKills >= 2 && outcome.CoordinatorKills == 1,
            $"{outcome.WorkerKills} worker kills and {outcome.CoordinatorKills} coordinator kills, not at least 2 and 1\n{Describe()}");
        Assert.True(outcome.Live.Count >= 1, $"no kill hit a worker holding a trial while the coordinator was up\n{Describe()}");
        Assert.True(outcome.NeverGivenBack.Count == 0, $"never given back: {string.Join(", ", outcome.NeverGivenBack)}\n{Describe()}");
        // A coordinator killed meanwhile gives the trial back when it restarts: that is bounded by the restart instead.
        var late = outcome.Live.Where(g => g.Seconds > GiveBackBound.Total.TotalSeconds).ToList();
        Assert.True(late.Count == 0, $"given back later than {GiveBackBound.Total.TotalSeconds} s: " +
                                     string.Join(", ", late.Select(g => $"{g.Trial} from {g.Worker} after {g.Seconds:F1} s")) + $"\n{Describe()}");
    }
}
