using System.Globalization;
using SweepCluster.Integration.Tests.Chaos;

// dotnet run -c Release --project tests/SweepCluster.Chaos -- [REPETITIONS] [CHAOS_SECONDS]
// Repeats the chaos test's scenario (tests/SweepCluster.Integration.Tests/ChaosTests.cs) and prints, per run and in
// all: kills, trials lost and recorded twice, and each dead worker's give-back time against stable-after + margin.
int repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var chaosFor = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60);
var bound = GiveBackBound.Total;
string logs = Path.Combine(Directory.GetCurrentDirectory(), "runs", "chaos-logs");

int finished = 0, workerKills = 0, coordinatorKills = 0, lost = 0, duplicated = 0, neverGivenBack = 0, late = 0;
var giveBacks = new List<double>();
var byRecovery = new List<double>();
for (int run = 1; run <= repetitions; run++)
{
    string folder = Directory.CreateTempSubdirectory("chaos-bench-").FullName;
    int seed = run * 7919;
    try
    {
        var outcome = new ChaosRun(folder, seed, _ => { }) { ChaosFor = chaosFor }.Run();
        bool ok = outcome.Finished && outcome.CoordinatorExitCode == 0 && outcome.Lost == 0 && outcome.Duplicated == 0
                  && outcome.DuplicatedInJournal == 0 && outcome.NeverGivenBack.Count == 0 && outcome.LongestGiveBack <= bound.TotalSeconds;
        finished += outcome.Finished && outcome.CoordinatorExitCode == 0 ? 1 : 0;
        workerKills += outcome.WorkerKills;
        coordinatorKills += outcome.CoordinatorKills;
        lost += outcome.Lost;
        duplicated += outcome.Duplicated + outcome.DuplicatedInJournal;
        neverGivenBack += outcome.NeverGivenBack.Count;
        late += outcome.Live.Count(g => g.Seconds > bound.TotalSeconds);
        giveBacks.AddRange(outcome.Live.Select(g => g.Seconds));
        byRecovery.AddRange(outcome.GiveBacks.Where(g => g.ByRecovery).Select(g => g.Seconds));
        Console.WriteLine($"run {run,2} (seed {seed}): {(ok ? "ok  " : "FAIL")} {outcome.Elapsed.TotalSeconds,4:F0} s, exit {outcome.CoordinatorExitCode}, " +
                          $"{outcome.WorkerKills} worker kills, {outcome.CoordinatorKills} coordinator kill, lost {outcome.Lost}, " +
                          $"twice {outcome.Duplicated}/{outcome.DuplicatedInJournal}, give-backs [{string.Join(", ", outcome.GiveBacks.Select(g => g.Seconds.ToString("F1", CultureInfo.InvariantCulture) + (g.ByRecovery ? " (restart)" : "")))}] s" +
                          (outcome.NeverGivenBack.Count > 0 ? $", never given back: {string.Join(", ", outcome.NeverGivenBack)}" : "") +
                          (outcome.Stalled is { } stalled ? $", {stalled}" : ""));
        if (!ok)
        {
            Directory.CreateDirectory(logs);
            File.WriteAllText(Path.Combine(logs, $"run-{run}.log"), outcome.Logs);
        }
    }
    catch (TimeoutException e)
    {
        Console.WriteLine($"run {run,2} (seed {seed}): FAIL {e.Message.Split('\n')[0]}");
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}
Console.WriteLine($"runs {repetitions}, finished {finished}, worker kills {workerKills}, coordinator kills {coordinatorKills}, " +
                  $"lost {lost}, duplicated {duplicated}, give-backs measured {giveBacks.Count}, never given back {neverGivenBack}, " +
                  $"longest give-back {(giveBacks.Count > 0 ? giveBacks.Max() : 0):F1} s (median {Median(giveBacks):F1} s), " +
                  $"over stable-after + margin ({bound.TotalSeconds:F0} s): {late}; given back by a coordinator restart {byRecovery.Count}" +
                  (byRecovery.Count > 0 ? $" (longest {byRecovery.Max():F1} s)" : ""));
return finished == repetitions && lost == 0 && duplicated == 0 && neverGivenBack == 0 && late == 0 ? 0 : 1;

static double Median(List<double> values) =>
    values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
