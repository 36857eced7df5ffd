using System.Reflection;

namespace SweepCluster.Cli;

/// <summary>What `sweepcluster --version` prints: the version and the git commit the executable was built from (the
/// SDK appends +COMMIT to the informational version when the build sets SourceRevisionId, see the .csproj).</summary>
internal static class BuildVersion
{
    public static string Text { get; } = Describe(
        typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    private static string Describe(string informational)
    {
        string[] parts = informational.Split('+', 2);
        return parts.Length == 2 && parts[1].Length > 0
            ? $"{parts[0]} (commit {parts[1]})"
            : $"{parts[0]} (commit unknown: built without git)";
    }
}
