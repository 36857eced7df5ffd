using System.Diagnostics;

namespace SweepCluster.Tests.Shared;

/// <summary>The real sweepcluster executable copied beside a test assembly, started from the repository root.
/// Compiled into each test project that runs it as a process.</summary>
internal static class SweepclusterExecutable
{
    /// <summary>The verbs that serve /metrics on a default port. Tests run many of them at once, so a test process
    /// serves none unless its arguments ask for a port.</summary>
    private static readonly string[] MetricsVerbs = ["run", "resume", "coordinator", "worker"];

    /// <param name="defaultMetricsPort">Keep the verb's default metrics port (a test of that default).</param>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, bool defaultMetricsPort = false)
    {
        var list = arguments.ToList();
        if (!defaultMetricsPort && list.Count > 0 && MetricsVerbs.Contains(list[0]) && !list.Contains("--metrics-port"))
            list.AddRange(["--metrics-port", "0"]);
        arguments = list;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestRepository.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sweepcluster.dll"));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
