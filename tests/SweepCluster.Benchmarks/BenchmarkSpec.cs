namespace SweepCluster.Benchmarks;

/// <summary>The benchmark's sweep: 10 depths x 10 widths x 10 noise levels x SEEDS, 1,000 trials per seed.</summary>
internal static class BenchmarkSpec
{
    public const int TrialsPerSeed = 1000;

    public static string Write(string folder, int seeds)
    {
        string path = Path.Combine(folder, $"sweep-{seeds}.yaml");
        File.WriteAllText(path, $"""
            name: coordinator-benchmark
            grid:
              depth: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
              width: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20]
              act_noise: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
            seeds: {seeds}
            """);
        return path;
    }
}
