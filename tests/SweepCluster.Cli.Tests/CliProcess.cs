using System.Diagnostics;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Cli.Tests;

/// <summary>Runs the real sweepcluster executable (copied beside the tests) as a child process.</summary>
internal static class CliProcess
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    public static Outcome Run(params string[] arguments)
    {
        using var process = Process.Start(SweepclusterExecutable.StartInfo(arguments))!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sweepcluster {string.Join(' ', arguments)} did not finish in 3 minutes.");
        }
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
