using System.Diagnostics;

namespace SweepCluster.Tests.Shared;

/// <summary>The real sweepcluster executable copied beside a test assembly, started from the repository root.
/// Compiled into each test project that runs it as a process.</summary>
internal static class SweepclusterExecutable
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
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
