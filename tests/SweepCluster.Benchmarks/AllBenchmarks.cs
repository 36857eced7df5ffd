using System.Diagnostics;

namespace SweepCluster.Benchmarks;

/// <summary>`all`: every benchmark the README's figures come from, one after another, each in a fresh process of this
/// program (so no benchmark inherits another's heap, JIT state or libtorch settings), with the load average and the
/// time before each. Build src/SweepCluster.Cli in Release first (the sweep benchmarks run its executable).</summary>
internal static class AllBenchmarks
{
    private static readonly string[][] Runs =
    [
        ["sweep", "3cd5376", "2"],
        ["sweep", "e8dc822", "2"],
        ["estimator", "2", "8"],
        ["peer", "3"],
        ["trainer", "5"],
        ["packing", "4", "8", "16", "32"],
        ["coordinator", "100000"],
        ["cluster", "512", "8", "10000"],
    ];

    public static async Task<int> RunAsync()
    {
        int failed = 0;
        var whole = Stopwatch.StartNew();
        foreach (string[] run in Runs)
        {
            Console.WriteLine($"===== {string.Join(' ', run)}: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC, load average {BenchmarkHost.LoadAverages()}");
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(ChildRun.ThisProgram(run))!;
            await process.WaitForExitAsync();
            Console.WriteLine($"===== {string.Join(' ', run)}: exit code {process.ExitCode} after {clock.Elapsed.TotalMinutes:F1} min, load average {BenchmarkHost.LoadAverages()}");
            if (process.ExitCode != 0) failed++;
        }
        Console.WriteLine($"===== all: {Runs.Length - failed} of {Runs.Length} benchmarks ran to the end in {whole.Elapsed.TotalMinutes:F1} min");
        return failed == 0 ? 0 : 1;
    }
}
