using System.Diagnostics;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Cli.Tests;

/// <summary>Runs the real sweepcluster executable (copied beside the tests) as a child process.</summary>
internal static class CliProcess
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    public static Outcome Run(params string[] arguments) => RunWith(new Dictionary<string, string?>(), arguments);

    /// <summary>Runs with the verb's own default metrics port (a test of that default) instead of none.</summary>
    public static Outcome RunWithDefaultMetricsPort(params string[] arguments) => RunWith(new Dictionary<string, string?>(), arguments, defaultMetricsPort: true);

    /// <param name="environment">Variables to set, or (null) to remove, for this process only.</param>
    public static Outcome RunWith(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunWith(environment, arguments, defaultMetricsPort: false);

    private static Outcome RunWith(IReadOnlyDictionary<string, string?> environment, string[] arguments, bool defaultMetricsPort)
    {
        var start = SweepclusterExecutable.StartInfo(arguments, defaultMetricsPort);
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sweepcluster {string.Join(' ', arguments)} did not finish in 3 minutes.");
        }
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
