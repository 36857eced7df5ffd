using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Training.Data;

/// <summary>Builds a trial's data from its configuration, with the trial's label noise applied.</summary>
internal static class TrialDataFactory
{
    public static TrialData Create(TrialConfig config)
    {
        // The test sample is drawn with the trial seed in every trial. A CMI training draws its training examples from
        // its supersample's seed, but its test sample stays the trial seed's, like its initialization, batch order and
        // noise: every selection and every supersample of one seed is measured on the same test points, so their test
        // errors and layer information differ by what was trained on alone, and a seed's test-sampling error is one
        // draw, not one per supersample (which would claim more independent test samples than the seeds give).
        TrialData Dataset(int size, int seed) => config.Dataset.Kind switch
        {
            DatasetKind.Synthetic when config.Dataset.Task == SyntheticTask.RadialShells => RadialShells.Create(config.Dataset, size, seed, testSeed: config.Seed),
            DatasetKind.Synthetic => SyntheticGaussianMixture.Create(config.Dataset, size, seed, testSeed: config.Seed),
            DatasetKind.Idx => IdxDataset.Create(config.Dataset, size, seed, testSeed: config.Seed),
            var other => throw new ArgumentException($"Unknown dataset kind '{other}'."),
        };
        // A CMI training draws its supersample, 2n examples, with the supersample's seed, then keeps one of each pair.
        var (size, seed) = config.Cmi is { } draw ? (2 * config.TrainSize, CmiSupersample.SeedOf(config, draw)) : (config.TrainSize, config.Seed);
        TrialData data = Dataset(size, seed);
        if (config.LabelNoise > 0) data = data with { TrainLabels = Relabel(data, config.LabelNoise, seed) };
        return config.Cmi is { } selected ? CmiSupersample.Select(data, seed, selected.Selection) : data;
    }

    /// <summary>A fixed random relabelling of a fraction p of the training set: each chosen example gets a
    /// uniformly drawn label different from its own.</summary>
    private static int[] Relabel(TrialData data, double fraction, int seed)
    {
        var labels = (int[])data.TrainLabels.Clone();
        var random = new Random(SeedStreams.Derive(seed, 0x4C4E)); // "LN": the label-noise stream
        int count = (int)Math.Round(fraction * labels.Length);
        int[] order = Enumerable.Range(0, labels.Length).ToArray();
        random.Shuffle(order);
        foreach (int i in order.AsSpan(0, count))
            labels[i] = (labels[i] + 1 + random.Next(data.Classes - 1)) % data.Classes;
        return labels;
    }
}
