namespace SweepCluster.Benchmarks;

/// <summary>What every benchmark reports about the machine it ran on, and where the repository it belongs to is.</summary>
internal static class BenchmarkHost
{
    /// <summary>The one-minute load average.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>The one-, five- and fifteen-minute load averages, or "unknown" off Linux.</summary>
    public static string LoadAverages() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The folder holding SweepCluster.sln above this program.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "SweepCluster.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException($"no SweepCluster.sln above {AppContext.BaseDirectory}.");
    }
}
