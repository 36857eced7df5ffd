using System.Diagnostics;

namespace SweepCluster.Tests.Shared;

/// <summary>The real sweepcluster executable copied beside a test assembly, started from the repository root.
/// Compiled into each test project that runs it as a process.</summary>
internal static class SweepclusterExecutable
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sweepcluster.dll"));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SweepCluster.sln"))) return dir.FullName;
        throw new InvalidOperationException("SweepCluster.sln not found above the test folder.");
    }
}
