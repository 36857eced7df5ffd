using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SweepCluster.Benchmarks;

/// <summary>The processes the sweep benchmark starts (git, dotnet, the two CLIs).</summary>
internal static class SweepTools
{
    /// <summary>Runs a program with its output in <paramref name="log"/> (the console keeps only the table).</summary>
    /// <returns>Exit code, wall seconds, and the CPU seconds of the child and whatever it waited for.</returns>
    public static async Task<(int Code, double Wall, double Cpu)> RunAsync(string program, IEnumerable<string> args, string workingDirectory, string log)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory, UseShellExecute = false,
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The builds must not leave MSBuild nodes or a compiler server behind on a shared machine.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        await using var output = new StreamWriter(log);
        double cpuBefore = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var copies = new[] { process.StandardOutput, process.StandardError }.Select(async reader =>
        {
            while (await reader.ReadLineAsync() is { } line)
                lock (output) output.WriteLine(line);
        }).ToArray();
        await process.WaitForExitAsync();
        await Task.WhenAll(copies);
        double wall = clock.Elapsed.TotalSeconds;
        // A reaped child's /proc entry is gone, so Process.TotalProcessorTime cannot be read after exit; the kernel's
        // running sum over reaped children (one child at a time here) gives its whole CPU time instead.
        return (process.ExitCode, wall, ChildrenCpuSeconds() - cpuBefore);
    }

    /// <summary>The last lines of a log, for a failure message.</summary>
    public static string Tail(string log, int lines = 15) => string.Join('\n', File.ReadLines(log).TakeLast(lines));

    private static double ChildrenCpuSeconds()
    {
        if (getrusage(RusageChildren, out var usage) != 0) throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}.");
        return usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6;
    }

    private const int RusageChildren = -1;

    /// <summary>Linux x64 struct rusage: two timevals, then 14 longs this program does not read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out Rusage usage);
}
