namespace SweepCluster.Benchmarks;

/// <summary>The sweep benchmark's older CLI: one commit of this repository, exported from git and built in Release
/// entirely inside the benchmark's temp folder.</summary>
internal static class BaselineBuild
{
    /// <returns>The baseline's sweepcluster, or null (said why) when the commit is unknown or no longer builds.</returns>
    public static async Task<string?> BuildAsync(string repository, string commit, string folder)
    {
        string source = Directory.CreateDirectory(Path.Combine(folder, "baseline-src")).FullName;
        string binaries = Path.Combine(folder, "baseline-bin");
        string log = Path.Combine(folder, "baseline-build.log");
        // git archive, not a worktree: nothing is registered in the repository, so a killed run leaves no trace there.
        var (code, _, _) = await SweepTools.RunAsync("bash",
            ["-c", "set -o pipefail; git -C \"$1\" archive \"$2\" | tar -x -C \"$3\"", "archive", repository, commit + "^{commit}", source], folder, log);
        if (code != 0)
        {
            Console.Error.WriteLine($"baseline {commit} could not be exported from {repository}:\n{SweepTools.Tail(log)}");
            return null;
        }
        Console.WriteLine($"building baseline {commit} in Release (load {BenchmarkHost.LoadAverage()}) ...");
        var (built, seconds, _) = await SweepTools.RunAsync("dotnet",
            ["build", "-c", "Release", "src/SweepCluster.Cli", "-o", binaries, "--disable-build-servers", "-nologo", "-v", "q"], source, log);
        string cli = Path.Combine(binaries, "sweepcluster");
        if (built != 0 || !File.Exists(cli))
        {
            Console.Error.WriteLine($"baseline {commit} no longer builds (dotnet build exited with code {built}):\n{SweepTools.Tail(log)}");
            return null;
        }
        Console.WriteLine($"built in {seconds:F0} s");
        return cli;
    }

    /// <summary>This tree's commit, marked when the working tree differs from it.</summary>
    public static async Task<string> HeadAsync(string repository)
    {
        string log = Path.GetTempFileName();
        try
        {
            var (code, _, _) = await SweepTools.RunAsync("git", ["-C", repository, "describe", "--always", "--dirty"], repository, log);
            return code == 0 ? File.ReadAllText(log).Trim() : "unknown";
        }
        finally
        {
            File.Delete(log);
        }
    }
}
