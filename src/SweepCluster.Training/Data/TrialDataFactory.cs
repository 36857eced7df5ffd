using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Training.Data;

/// <summary>Builds a trial's data from its configuration, with the trial's label noise applied.</summary>
public static class TrialDataFactory
{
    public static TrialData Create(TrialConfig config)
    {
        TrialData data = config.Dataset.Kind switch
        {
            DatasetKind.Synthetic => SyntheticGaussianMixture.Create(config.Dataset, config.TrainSize, config.Seed),
            DatasetKind.Idx => IdxDataset.Create(config.Dataset, config.TrainSize, config.Seed),
            var other => throw new ArgumentException($"Unknown dataset kind '{other}'."),
        };
        return config.LabelNoise > 0 ? data with { TrainLabels = Relabel(data, config) } : data;
    }

    /// <summary>A fixed random relabelling of a fraction p of the training set: each chosen example gets a
    /// uniformly drawn label different from its own.</summary>
    private static int[] Relabel(TrialData data, TrialConfig config)
    {
        var labels = (int[])data.TrainLabels.Clone();
        var random = new Random(SeedStreams.Derive(config.Seed, 0x4C4E)); // "LN": the label-noise stream
        int count = (int)Math.Round(config.LabelNoise * labels.Length);
        int[] order = Enumerable.Range(0, labels.Length).ToArray();
        random.Shuffle(order);
        foreach (int i in order.AsSpan(0, count))
            labels[i] = (labels[i] + 1 + random.Next(data.Classes - 1)) % data.Classes;
        return labels;
    }
}
