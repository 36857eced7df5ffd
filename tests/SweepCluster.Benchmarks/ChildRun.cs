using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace SweepCluster.Benchmarks;

/// <summary>Runs one measured phase in a fresh process of this program, so that each figure's peak memory is its own
/// (a process's peak resident set cannot be reset, and a garbage-collected heap keeps what an earlier phase grew).
/// The child prints <c>measure NAME VALUE</c> lines; the parent reads them back.</summary>
internal static class ChildRun
{
    public const string Verb = "child";
    private const string Prefix = "measure ";

    public static Task<IReadOnlyDictionary<string, double>> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    /// <param name="abort">Kills the child (a phase that can no longer finish), which then fails this call.</param>
    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string[] args, CancellationToken abort)
    {
        var start = ThisProgram([Verb, .. args]);
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start)!;
        using var kill = abort.Register(() => process.Kill(entireProcessTree: true));
        var figures = new Dictionary<string, double>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var parts = line[Prefix.Length..].Split(' ');
            figures[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the benchmark phase '{string.Join(' ', args)}' exited with code {process.ExitCode}.");
        return figures;
    }

    /// <summary>A start of this benchmark program with <paramref name="args"/>.</summary>
    public static ProcessStartInfo ThisProgram(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under `dotnet SweepCluster.Benchmarks.dll` the process is the host: name the program again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>In the child: hands one figure to the parent.</summary>
    public static void Report(string name, double value) =>
        Console.WriteLine($"{Prefix}{name} {value.ToString("R", CultureInfo.InvariantCulture)}");

    /// <summary>CPU time this process has used, in ms: on a shared machine the wall clock also counts the waits for a
    /// core, so each phase reports both.</summary>
    public static double CpuMs() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    /// <summary>In the child, last: this process's peak resident set (VmHWM) in MB, and the most the managed heap
    /// had committed after any collection, so that a peak can be told apart as managed or native.</summary>
    public static void ReportPeakMemory()
    {
        Report("peak_rss_mb", PeakResidentMegabytes());
        Report("gc_peak_committed_mb", _peakCommitted / 1e6);
        if (_atPeak is not { } info) return;
        string[] names = ["gen0", "gen1", "gen2", "loh", "poh"];
        for (int g = 0; g < info.GenerationInfo.Length; g++)
        {
            Report($"at_peak_{names[g]}_mb", info.GenerationInfo[g].SizeAfterBytes / 1e6);
            Report($"at_peak_{names[g]}_fragmented_mb", info.GenerationInfo[g].FragmentationAfterBytes / 1e6);
        }
        Report("gen2_collections", GC.CollectionCount(2));
    }

    private static long _peakCommitted;
    private static GCMemoryInfo? _atPeak;

    /// <summary>In the child, first: samples the managed heap's committed size after each collection.</summary>
    public static void WatchManagedHeap()
    {
        new Thread(() =>
        {
            while (true)
            {
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                if (info.TotalCommittedBytes > _peakCommitted) (_peakCommitted, _atPeak) = (info.TotalCommittedBytes, info);
                Thread.Sleep(50);
            }
        }) { IsBackground = true }.Start();
    }

    private static double PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
