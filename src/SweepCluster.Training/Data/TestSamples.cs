using SweepCluster.Core.Spec;

namespace SweepCluster.Training.Data;

/// <summary>The seed a trial's test sample is drawn with: its own stream of the data seed ("TS"), split by the test
/// seed. Apart from the streams of the class means (0), the old shared test set (1) and the training samples (2 + seed),
/// so a test sample is independent of every training sample and two seeds get two test samples of one distribution.</summary>
internal static class TestSamples
{
    public static int Seed(DatasetSettings settings, int testSeed) =>
        SeedStreams.Derive(SeedStreams.Derive(settings.DataSeed, 0x5453), testSeed); // "TS"
}
