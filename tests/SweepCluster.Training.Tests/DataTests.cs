using System.IO.Compression;
using SweepCluster.Core;
using SweepCluster.Core.Spec;
using SweepCluster.Training.Data;

namespace SweepCluster.Training.Tests;

public sealed class DataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Synthetic_task_is_a_function_of_its_seeds()
    {
        var settings = new DatasetSettings { Classes = 3, Dimension = 5, TestSize = 50 };
        TrialData a = SyntheticGaussianMixture.Create(settings, 40, trialSeed: 1);
        TrialData b = SyntheticGaussianMixture.Create(settings, 40, trialSeed: 1);
        TrialData c = SyntheticGaussianMixture.Create(settings, 40, trialSeed: 2);
        Assert.Equal(a.TrainFeatures, b.TrainFeatures);
        Assert.Equal(a.TestFeatures, b.TestFeatures); // one seed's test sample is reproducible
        Assert.Equal(a.TestLabels, b.TestLabels);
        Assert.NotEqual(a.TrainFeatures, c.TrainFeatures);
    }

    [Fact]
    public void Each_seed_draws_a_fresh_test_sample_of_the_same_distribution()
    {
        var settings = new DatasetSettings { Classes = 2, Dimension = 3, Separation = 4.0, TestSize = 20_000, DataSeed = 7 };
        TrialData a = SyntheticGaussianMixture.Create(settings, 10, trialSeed: 1);
        TrialData b = SyntheticGaussianMixture.Create(settings, 10, trialSeed: 2);

        Assert.NotEqual(a.TestFeatures, b.TestFeatures);
        // The test sample is not the training sample of any seed (its own stream).
        Assert.NotEqual(a.TrainFeatures, a.TestFeatures[..a.TrainFeatures.Length]);
        // Same class means (a function of the data seed): each seed's sample means sit within 5 standard errors of them.
        double[][] means = SyntheticGaussianMixture.ClassMeans(settings);
        foreach (var data in new[] { a, b })
        for (int c = 0; c < 2; c++)
        {
            double[] sample = ClassMean(data, c);
            double standardError = 1 / Math.Sqrt(data.TestLabels.Count(l => l == c));
            for (int j = 0; j < 3; j++) Assert.InRange(sample[j], means[c][j] - 5 * standardError, means[c][j] + 5 * standardError);
        }
        // Another data seed is another task: its means differ by far more than sampling error.
        double[][] other = SyntheticGaussianMixture.ClassMeans(settings with { DataSeed = 8 });
        Assert.True(Math.Abs(other[0][0] - means[0][0]) + Math.Abs(other[0][1] - means[0][1]) > 0.1);
    }

    [Fact]
    public void A_cmi_trial_draws_its_test_sample_with_the_trial_seed_not_the_supersample()
    {
        var config = TrialConfigs.Small() with { TrainSize = 20, Cmi = new SweepCluster.Core.Grid.CmiDraw(0, 0) };
        TrialData cmi = TrialDataFactory.Create(config);
        TrialData plain = TrialDataFactory.Create(config with { Cmi = null });
        TrialData otherSeed = TrialDataFactory.Create(config with { Seed = config.Seed + 1 });

        Assert.Equal(plain.TestFeatures, cmi.TestFeatures);
        Assert.NotEqual(cmi.TestFeatures, otherSeed.TestFeatures);
    }

    [Fact]
    public void Synthetic_class_means_lie_about_separation_apart()
    {
        var settings = new DatasetSettings { Classes = 2, Dimension = 400, Separation = 4.0, TestSize = 4000 };
        TrialData data = SyntheticGaussianMixture.Create(settings, 10, trialSeed: 0);
        double[][] means = Enumerable.Range(0, 2).Select(c => ClassMean(data, c)).ToArray();
        double distance = Math.Sqrt(means[0].Zip(means[1], (p, q) => (p - q) * (p - q)).Sum());
        // Random directions in 400 dimensions are sqrt(2) +- ~5% apart; the sample means add ~sqrt(2 * 400 / 2000).
        Assert.InRange(distance, 3.5, 4.8);
    }

    [Fact]
    public void Label_noise_relabels_the_given_fraction_to_other_classes()
    {
        var config = TrialConfigs.Small() with { TrainSize = 1000, LabelNoise = 0.3 };
        TrialData clean = TrialDataFactory.Create(config with { LabelNoise = 0 });
        TrialData noisy = TrialDataFactory.Create(config);
        int changed = clean.TrainLabels.Zip(noisy.TrainLabels).Count(p => p.First != p.Second);
        Assert.Equal(300, changed);
        Assert.Equal(clean.TestLabels, noisy.TestLabels);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Idx_files_load_with_class_subset_and_subsampling(bool gzip)
    {
        WriteIdxSet(gzip, trainCount: 30, testCount: 12);
        var settings = new DatasetSettings { Kind = DatasetKind.Idx, Path = _folder, ClassSubset = [4, 9], TestSize = 100 };
        TrialData data = IdxDataset.Create(settings, trainSize: 5, trialSeed: 0);
        Assert.Equal(2, data.Classes);
        Assert.Equal(4, data.Dimension);
        Assert.Equal(5, data.TrainSize);
        Assert.All(data.TrainLabels, l => Assert.InRange(l, 0, 1));
        // Pixel value encodes the original label (label * 20 / 255), so relabelling can be checked.
        for (int i = 0; i < data.TrainSize; i++)
            Assert.Equal(data.TrainLabels[i] == 0 ? 4 * 20 / 255f : 9 * 20 / 255f, data.TrainFeatures[i * 4], 5);
        Assert.Equal(Enumerable.Range(0, 12).Count(i => i % 10 is 4 or 9), data.TestSize);
    }

    [Fact]
    public void Idx_test_sample_is_a_seeded_subsample_of_the_test_file_per_seed()
    {
        // Test images whose pixels carry their index in the file, so the sample can be read back as indices.
        WriteIdxSet(gzip: false, trainCount: 20, testCount: 200);
        string images = Path.Combine(_folder, "t10k-images-idx3-ubyte");
        byte[] bytes = File.ReadAllBytes(images);
        for (int i = 0; i < 200; i++) bytes[16 + 4 * i] = (byte)i;
        File.WriteAllBytes(images, bytes);
        var settings = new DatasetSettings { Kind = DatasetKind.Idx, Path = _folder, TestSize = 50 };
        int[] Picked(TrialData data) => Enumerable.Range(0, data.TestSize).Select(i => (int)Math.Round(data.TestFeatures[i * 4] * 255)).ToArray();

        TrialData a = IdxDataset.Create(settings, trainSize: 5, trialSeed: 1);
        TrialData again = IdxDataset.Create(settings, trainSize: 5, trialSeed: 1);
        TrialData b = IdxDataset.Create(settings, trainSize: 5, trialSeed: 2);

        Assert.Equal(50, a.TestSize);
        Assert.Equal(Picked(a), Picked(again));
        Assert.NotEqual(Picked(a), Picked(b));
        Assert.Equal(50, Picked(a).Distinct().Count()); // a subsample without replacement
        Assert.All(Picked(a), i => Assert.InRange(i, 0, 199));
        for (int i = 0; i < 50; i++) Assert.Equal(Picked(a)[i] % 10, a.TestLabels[i]); // labels travel with their images
    }

    [Fact]
    public void Missing_fashion_mnist_names_the_package_to_install()
    {
        var settings = new DatasetSettings { Kind = DatasetKind.Idx, Path = "/usr/share/datasets/fashion-mnist-absent" };
        var error = Assert.Throws<UserInputException>(() => IdxDataset.Create(settings, 10, 0));
        Assert.Contains("/usr/share/datasets/fashion-mnist-absent", error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void Truncated_idx_file_is_a_clear_error()
    {
        WriteIdxSet(gzip: false, trainCount: 10, testCount: 10);
        string images = Path.Combine(_folder, "train-images-idx3-ubyte");
        File.WriteAllBytes(images, File.ReadAllBytes(images)[..30]);
        var settings = new DatasetSettings { Kind = DatasetKind.Idx, Path = _folder };
        var error = Assert.Throws<UserInputException>(() => IdxDataset.Create(settings, 5, 0));
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains("malformed", error.Message);
    }

    private static double[] ClassMean(TrialData data, int label)
    {
        var rows = Enumerable.Range(0, data.TestSize).Where(i => data.TestLabels[i] == label).ToArray();
        return Enumerable.Range(0, data.Dimension).Select(j => rows.Average(i => (double)data.TestFeatures[i * data.Dimension + j])).ToArray();
    }

    /// <summary>2x2 images whose pixels all equal label * 20; labels cycle 0..9.</summary>
    private void WriteIdxSet(bool gzip, int trainCount, int testCount)
    {
        foreach (var (prefix, count) in new[] { ("train", trainCount), ("t10k", testCount) })
        {
            byte[] labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
            Write($"{prefix}-images-idx3-ubyte", gzip, Header(3, count, 2, 2).Concat(labels.SelectMany(l => Enumerable.Repeat((byte)(l * 20), 4))).ToArray());
            Write($"{prefix}-labels-idx1-ubyte", gzip, Header(1, count).Concat(labels).ToArray());
        }
    }

    private static byte[] Header(int rank, params int[] dims) =>
        new byte[] { 0, 0, 8, (byte)rank }.Concat(dims.SelectMany(d => new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d })).ToArray();

    private void Write(string name, bool gzip, byte[] bytes)
    {
        string path = Path.Combine(_folder, gzip ? name + ".gz" : name);
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return;
        }
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
    }
}
