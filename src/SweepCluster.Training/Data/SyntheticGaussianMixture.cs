using SweepCluster.Core.Spec;

namespace SweepCluster.Training.Data;

/// <summary>A seeded Gaussian-mixture classification task: C classes in D dimensions, each class N(mu_c, I).
/// The means depend on the data seed only (they are the task); the training sample is drawn with the trial seed and
/// the test sample with the test seed (the trial seed too, unless a CMI trial draws its training sample from a
/// supersample seed), each from its own stream, so every seed is measured on a fresh test sample of one distribution.</summary>
internal static class SyntheticGaussianMixture
{
    /// <param name="trialSeed">Draws the training sample.</param>
    /// <param name="testSeed">Draws the test sample; <paramref name="trialSeed"/> when null.</param>
    public static TrialData Create(DatasetSettings settings, int trainSize, int trialSeed, int? testSeed = null)
    {
        double[][] means = ClassMeans(settings);
        var (testX, testY) = Sample(means, settings.TestSize, new SeededNormal(TestSamples.Seed(settings, testSeed ?? trialSeed)));
        var (trainX, trainY) = Sample(means, trainSize, new SeededNormal(DeriveSeed(settings.DataSeed, 2 + trialSeed)));
        string name = $"synthetic(C={settings.Classes}, D={settings.Dimension}, separation={settings.Separation})";
        return new TrialData(name, settings.Classes, settings.Dimension, trainX, trainY, testX, testY);
    }

    /// <summary>Means are random directions scaled so two class means lie about <c>separation</c> apart
    /// (two random unit vectors in many dimensions are about sqrt(2) apart).</summary>
    internal static double[][] ClassMeans(DatasetSettings settings)
    {
        var normal = new SeededNormal(DeriveSeed(settings.DataSeed, 0));
        var means = new double[settings.Classes][];
        for (int c = 0; c < settings.Classes; c++)
        {
            var direction = new double[settings.Dimension];
            for (int j = 0; j < direction.Length; j++) direction[j] = normal.Next();
            double norm = Math.Sqrt(direction.Sum(v => v * v));
            double scale = settings.Separation / Math.Sqrt(2.0) / norm;
            means[c] = direction.Select(v => v * scale).ToArray();
        }
        return means;
    }

    private static (float[] Features, int[] Labels) Sample(double[][] means, int count, SeededNormal normal)
    {
        int dimension = means[0].Length;
        var features = new float[count * dimension];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = normal.Uniform.Next(means.Length);
            labels[i] = label;
            for (int j = 0; j < dimension; j++)
                features[i * dimension + j] = (float)(means[label][j] + normal.Next());
        }
        return (features, labels);
    }

    private static int DeriveSeed(int seed, int stream) => SeedStreams.Derive(seed, stream);
}
