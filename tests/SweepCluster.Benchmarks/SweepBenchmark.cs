using System.Globalization;
using System.Text.Json;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Benchmarks;

/// <summary>`sweep [BASELINE_COMMIT] [SLOTS]` (default 3cd5376, 2 slots): wall time of a whole `sweepcluster run` of this tree against an
/// older build, side by side in one run. Build this tree first (`dotnet build -c Release src/SweepCluster.Cli`): its
/// CLI is taken from src/SweepCluster.Cli/bin/Release. The baseline is taken from git (`git archive`, never the working
/// tree) and built in a temp folder, which is removed at the end. Each spec runs baseline, current, baseline, current,
/// each in a fresh output folder, with SLOTS slots of 1 thread and metrics off (one slot shows the packs alone: with two,
/// the coordinator splits a sweep's tail into ever smaller packs so both stay busy); the table shows the best of the two runs
/// and the CPU time of the child. The same spec text can mean different work in an older build where a default changed
/// (3cd5376: noise_paths 8, now 16), which the quickstart leaves at its default.
/// Usage: dotnet build -c Release src/SweepCluster.Cli tests/SweepCluster.Benchmarks, then
/// tests/SweepCluster.Benchmarks/bin/Release/net10.0/linux-x64/SweepCluster.Benchmarks sweep [BASELINE_COMMIT] [SLOTS]</summary>
internal static class SweepBenchmark
{
    public const string DefaultBaseline = "3cd5376";
    private const int Rounds = 2;

    /// <param name="Problem">Why the run did not complete every trial (exit code, failure reasons), or null.</param>
    private sealed record Run(string Build, double Wall, double Cpu, int Completed, string Load, string? Problem);

    public static async Task<int> RunAsync(string baseline, int slots)
    {
        string repository = BenchmarkHost.RepositoryRoot();
        string current = Path.Combine(repository, "src/SweepCluster.Cli/bin/Release/net10.0/linux-x64/sweepcluster");
        if (!File.Exists(current))
        {
            Console.Error.WriteLine($"{current} is missing: build it first with `dotnet build -c Release src/SweepCluster.Cli`.");
            return 1;
        }
        string folder = Directory.CreateTempSubdirectory("sweepcluster-sweepbench-").FullName;
        try
        {
            string? old = await BaselineBuild.BuildAsync(repository, baseline, folder);
            if (old is null) return 1;
            Console.WriteLine($"baseline {baseline} vs this tree (HEAD {await BaselineBuild.HeadAsync(repository)}); {slots} slot(s) x 1 thread, {Environment.ProcessorCount} cores");
            var rows = new List<string>();
            bool incomplete = false;
            foreach (var (name, spec) in SweepSpecs.Write(repository, folder))
            {
                int trials = GridExpander.Expand(SpecLoader.Load(spec)).Count;
                var runs = new List<Run>();
                for (int round = 1; round <= Rounds; round++)
                    foreach (var (build, cli) in new[] { ("baseline", old), ("current", current) })
                    {
                        var run = await RunSweepAsync(cli, spec, Path.Combine(folder, $"{name}-{build}-{round}"), build, trials, slots);
                        Console.WriteLine($"  {name,-11} {build,-8} round {round}: {run.Wall,7:F1} s wall, {run.Cpu,7:F1} s CPU, {run.Completed}/{trials} trials, load before {run.Load}");
                        // An incomplete run is reported and kept out of the table when the other round completed,
                        // so that one failed trial does not throw away the remaining comparisons.
                        if (run.Problem is not null) Console.WriteLine($"    incomplete: {run.Problem}");
                        incomplete |= run.Problem is not null;
                        runs.Add(run);
                    }
                rows.Add(Row(name, trials, runs));
            }
            Console.WriteLine($"{"spec",-11} {"trials",6} {"baseline s",11} {"current s",10} {"ratio",6} {"base CPU s",10} {"cur CPU s",10} {"load",10}");
            rows.ForEach(Console.WriteLine);
            if (incomplete) Console.WriteLine("* a build had no run that completed every trial (see 'incomplete' above)");
            return incomplete ? 1 : 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One line of the table: best wall time of each build among its complete runs (any run, marked *, when
    /// none completed), that run's CPU time, and the load range.</summary>
    private static string Row(string name, int trials, List<Run> runs)
    {
        Run Best(string build) => runs.Where(r => r.Build == build).OrderBy(r => r.Problem is not null).ThenBy(r => r.Wall).First();
        Run old = Best("baseline"), now = Best("current");
        string Seconds(Run run, int width) => $"{(run.Problem is null ? "" : "*")}{run.Wall:F1}".PadLeft(width);
        var loads = runs.Select(r => double.Parse(r.Load, CultureInfo.InvariantCulture)).ToList();
        return $"{name,-11} {trials,6} {Seconds(old, 11)} {Seconds(now, 10)} {old.Wall / now.Wall,6:F2} {old.Cpu,10:F1} {now.Cpu,10:F1} {$"{loads.Min():F1}-{loads.Max():F1}",10}";
    }

    private static async Task<Run> RunSweepAsync(string cli, string spec, string output, string build, int trials, int slots)
    {
        string load = BenchmarkHost.LoadAverage();
        string log = output + ".log";
        // Both builds take --out, --slots, --threads and --metrics-port (0: off, so parallel runs cannot clash on a
        // port); the baseline has no --pack-size, so neither gets one and each uses its own default.
        var (code, wall, cpu) = await SweepTools.RunAsync(cli,
            ["run", spec, "--out", output, "--slots", slots.ToString(CultureInfo.InvariantCulture), "--threads", "1", "--metrics-port", "0"], Path.GetDirectoryName(spec)!, log);
        var (completed, failures) = TrialOutcomes(output);
        string? problem = code == 0 && completed == trials ? null
            : $"exit code {code}, {completed} of {trials} completed" + (failures.Count > 0
                ? "; failed: " + string.Join("; ", failures.GroupBy(f => f).Select(g => $"{g.Count()} x {g.Key}"))
                : $"; last output:\n{SweepTools.Tail(log)}");
        return new Run(build, wall, cpu, completed, load, problem);
    }

    /// <summary>Completed trials in trials.jsonl (both builds write one JSON line per ended trial), and the failure
    /// reasons of the others.</summary>
    private static (int Completed, List<string> Failures) TrialOutcomes(string output)
    {
        string path = Path.Combine(output, "trials.jsonl");
        int completed = 0;
        var failures = new List<string>();
        foreach (string line in File.Exists(path) ? File.ReadLines(path) : [])
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("status", out var status) && status.GetString() == "completed") completed++;
            else failures.Add(root.TryGetProperty("failure_reason", out var reason) ? reason.ToString() : line);
        }
        return (completed, failures);
    }
}
