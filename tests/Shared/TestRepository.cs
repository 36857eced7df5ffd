namespace SweepCluster.Tests.Shared;

/// <summary>The repository's root folder (the one holding SweepCluster.sln), found from the test assembly's folder.
/// Compiled into each test project that reads repository files or starts the executable.</summary>
internal static class TestRepository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SweepCluster.sln"))) return dir.FullName;
        throw new InvalidOperationException("SweepCluster.sln not found above the test folder.");
    }
}
