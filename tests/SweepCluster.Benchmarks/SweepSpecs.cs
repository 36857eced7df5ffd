namespace SweepCluster.Benchmarks;

/// <summary>The sweep benchmark's specs: the quickstart as this tree has it, and a narrow 96-trial sweep.</summary>
internal static class SweepSpecs
{
    /// <summary>Writes both specs into <paramref name="folder"/>: (label, path) pairs.</summary>
    public static IReadOnlyList<(string Name, string Path)> Write(string repository, string folder)
    {
        string narrow = Path.Combine(folder, "narrow-96.yaml"), quickstart = Path.Combine(folder, "quickstart.yaml");
        File.WriteAllText(narrow, Narrow);
        File.Copy(Path.Combine(repository, "cluster-config/sweeps/quickstart.yaml"), quickstart);
        return [("narrow-96", narrow), ("quickstart", quickstart)];
    }

    /// <summary>The quickstart's settings, one mode and one SGLD noise, 3 depths x 2 activation noises x 16 seeds of
    /// width-4 nets. noise_paths is given because its default differs between builds (3cd5376: 8, later 16).</summary>
    private const string Narrow = """
        name: narrow-96
        dataset: {kind: synthetic, classes: 4, dimension: 10, separation: 4.0, test_size: 1000}
        model: {activation: tanh}
        training: {optimizer: sgld, learning_rate: 0.05, epochs: 20, batch_size: 64, clip: 1.0}
        information: {eval_points: 200, noise_paths: 4}
        grid:
          depth: [2, 4, 6]
          width: [4]
          act_noise: [0.5, 1.0]
          mode: [end_to_end]
          sgld_noise: [0.017]
          train_size: 1000
        seeds: 16
        """;
}
