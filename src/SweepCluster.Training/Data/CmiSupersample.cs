using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;

namespace SweepCluster.Training.Data;

/// <summary>The 2n examples of a CMI supersample, as n pairs (member 0 of pair i at 2i, member 1 at 2i + 1), and the
/// selection U that chose the member each pair trains on; the trained network is asked for its predictions on all of
/// them after training.</summary>
public sealed record CmiSupersample(float[] Features, int[] Labels, string Selected)
{
    public int Pairs => Selected.Length;

    /// <summary>The seed a supersample's 2n examples (and their label noise) are drawn with: the trial seed and the
    /// supersample index. Init, batch order and noise still come from the trial seed alone: the bound holds
    /// conditionally on them.</summary>
    public static int SeedOf(TrialConfig config, CmiDraw draw) =>
        SeedStreams.Derive(SeedStreams.Derive(config.Seed, 0x4353), draw.Supersample); // "CS"

    /// <summary>The training set of one selection: <paramref name="pool"/>'s 2n training examples (label noise already
    /// applied to all of them, so twins see the same labels) as n pairs, a coin per pair drawn with the supersample's
    /// seed and the selection index.</summary>
    public static TrialData Select(TrialData pool, int supersampleSeed, int selection)
    {
        if (pool.Classes > CmiLimits.MaxClasses)
            throw new UserInputException(
                $"{pool.Name} has {pool.Classes} classes and a CMI trial records one character per prediction, which holds at most {CmiLimits.MaxClasses}; keep fewer classes (dataset.class_subset) or drop the cmi section.");
        int n = pool.TrainSize / 2;
        int[] labels = pool.TrainLabels;
        var coin = new Random(SeedStreams.Derive(SeedStreams.Derive(supersampleSeed, 0x5553), selection)); // "US"
        var selected = new char[n];
        int d = pool.Dimension;
        var trainX = new float[n * d];
        var trainY = new int[n];
        for (int i = 0; i < n; i++)
        {
            int member = coin.Next(2);
            selected[i] = (char)('0' + member);
            int chosen = 2 * i + member;
            Array.Copy(pool.TrainFeatures, chosen * d, trainX, i * d, d);
            trainY[i] = labels[chosen];
        }
        return pool with
        {
            TrainFeatures = trainX,
            TrainLabels = trainY,
            Supersample = new CmiSupersample(pool.TrainFeatures, labels, new string(selected)),
        };
    }

    /// <summary>The record of this selection from the network's predicted classes on the 2n examples.</summary>
    public CmiOutcome Outcome(IReadOnlyList<long> predicted)
    {
        var digits = new char[2 * Pairs];
        var labels = new char[2 * Pairs];
        int trainWrong = 0, twinWrong = 0;
        for (int i = 0; i < Pairs; i++)
        {
            int trained = 2 * i + (Selected[i] - '0'), twin = 2 * i + 1 - (Selected[i] - '0');
            if (predicted[trained] != Labels[trained]) trainWrong++;
            if (predicted[twin] != Labels[twin]) twinWrong++;
            digits[2 * i] = CmiOutcome.Digit((int)predicted[2 * i]);
            digits[2 * i + 1] = CmiOutcome.Digit((int)predicted[2 * i + 1]);
            labels[2 * i] = CmiOutcome.Digit(Labels[2 * i]);
            labels[2 * i + 1] = CmiOutcome.Digit(Labels[2 * i + 1]);
        }
        return new CmiOutcome
        {
            Selected = Selected,
            Predictions = new string(digits),
            Labels = new string(labels),
            TrainError = trainWrong / (double)Pairs,
            TwinError = twinWrong / (double)Pairs,
        };
    }
}
