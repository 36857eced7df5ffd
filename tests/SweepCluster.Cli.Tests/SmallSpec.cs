namespace SweepCluster.Cli.Tests;

/// <summary>The spec of quick trials the command-line tests run as real sweeps: three classes in six dimensions, width
/// 4, n = 200, two noise paths; each test names what it varies.</summary>
internal static class SmallSpec
{
    /// <summary>Writes the spec into <paramref name="folder"/> under a name of its settings (a grown grid is another
    /// file) and returns its path.</summary>
    public static string Write(string folder, string name = "small", string depths = "[1, 2]", int epochs = 3, int seeds = 1,
        string actNoise = "0.5", int trainSize = 200)
    {
        string path = Path.Combine(folder, $"{name}-{depths.Length}-{epochs}-{seeds}-{actNoise.Length}-{trainSize}.yaml");
        File.WriteAllText(path, $"""
            name: {name}
            dataset:
              classes: 3
              dimension: 6
              test_size: 200
            training:
              epochs: {epochs}
            information:
              eval_points: 32
              noise_paths: 2
            grid:
              depth: {depths}
              width: 4
              act_noise: {actNoise}
              train_size: {trainSize}
            seeds: {seeds}
            """);
        return path;
    }
}
