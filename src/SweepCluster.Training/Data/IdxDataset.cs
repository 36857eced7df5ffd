using SweepCluster.Core;
using SweepCluster.Core.Spec;

namespace SweepCluster.Training.Data;

/// <summary>An MNIST-format dataset from a folder (MNIST, Fashion-MNIST, KMNIST, EMNIST), with a class subset
/// relabelled 0..k-1, the training set subsampled to n with the trial seed and the test sample, test_size points of
/// the test file, subsampled with the test seed: each seed is measured on its own sample of the test file.</summary>
internal static class IdxDataset
{
    private const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <param name="trialSeed">Subsamples the training set.</param>
    /// <param name="testSeed">Subsamples the test file; <paramref name="trialSeed"/> when null.</param>
    public static TrialData Create(DatasetSettings settings, int trainSize, int trialSeed, int? testSeed = null)
    {
        string folder = settings.Path ?? throw new UserInputException(
            "dataset.path is missing: an idx dataset needs the folder holding train-images-idx3-ubyte[.gz].");
        if (!Directory.Exists(folder)) throw Missing(folder, "folder");

        var (trainPixels, trainCount, pixels) = IdxFile.ReadImages(Locate(folder, "train-images-idx3-ubyte"));
        int[] trainLabels = IdxFile.ReadLabels(Locate(folder, "train-labels-idx1-ubyte"));
        var (testPixels, testCount, testPixelsPer) = IdxFile.ReadImages(Locate(folder, "t10k-images-idx3-ubyte"));
        int[] testLabels = IdxFile.ReadLabels(Locate(folder, "t10k-labels-idx1-ubyte"));
        if (trainCount != trainLabels.Length || testCount != testLabels.Length || testPixelsPer != pixels)
            throw new UserInputException($"IDX files in '{folder}' disagree on image counts or sizes; replace them with one intact set.");

        int[] classes = settings.ClassSubset.Count > 0 ? settings.ClassSubset.ToArray() : trainLabels.Distinct().Order().ToArray();
        var relabel = classes.Select((label, index) => (label, index)).ToDictionary(p => p.label, p => p.index);

        int[] trainPool = Enumerable.Range(0, trainCount).Where(i => relabel.ContainsKey(trainLabels[i])).ToArray();
        if (trainPool.Length < trainSize)
            throw new UserInputException(
                $"train_size {trainSize} exceeds the {trainPool.Length} training images of classes [{string.Join(", ", classes)}] in '{folder}'; lower grid.train_size.");
        int[] testPool = Enumerable.Range(0, testCount).Where(i => relabel.ContainsKey(testLabels[i])).ToArray();

        int[] trainPick = Shuffled(trainPool, SeedStreams.Derive(settings.DataSeed, 2 + trialSeed))[..trainSize];
        // The first eval_points of the pick are the information evaluation set, so they too are drawn per seed.
        int[] testPick = Shuffled(testPool, TestSamples.Seed(settings, testSeed ?? trialSeed))[..Math.Min(settings.TestSize, testPool.Length)];

        string name = $"idx({Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}, classes=[{string.Join(",", classes)}])";
        return new TrialData(name, classes.Length, pixels,
            Gather(trainPixels, pixels, trainPick), trainPick.Select(i => relabel[trainLabels[i]]).ToArray(),
            Gather(testPixels, pixels, testPick), testPick.Select(i => relabel[testLabels[i]]).ToArray());
    }

    private static string Locate(string folder, string stem)
    {
        foreach (string name in new[] { stem, stem + ".gz" })
        {
            string path = Path.Combine(folder, name);
            if (File.Exists(path)) return path;
        }
        throw Missing(Path.Combine(folder, stem + "[.gz]"), "file");
    }

    private static UserInputException Missing(string path, string what)
    {
        string hint = path.StartsWith(FashionMnistFolder, StringComparison.Ordinal)
            ? "install it with 'apt-get install dataset-fashion-mnist'"
            : "point dataset.path at a folder holding the four IDX files";
        return new UserInputException($"dataset {what} '{path}' does not exist; {hint}.");
    }

    private static int[] Shuffled(int[] items, int seed)
    {
        var copy = (int[])items.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }

    private static float[] Gather(float[] source, int width, int[] rows)
    {
        var result = new float[rows.Length * width];
        for (int r = 0; r < rows.Length; r++)
            Array.Copy(source, rows[r] * width, result, r * width, width);
        return result;
    }
}
