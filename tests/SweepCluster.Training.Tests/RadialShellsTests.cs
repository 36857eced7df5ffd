using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Training.Data;

namespace SweepCluster.Training.Tests;

/// <summary>The radial-shells task: its chi-square law, its equally likely shells and its seeds.</summary>
public sealed class RadialShellsTests
{
    private static DatasetSettings Shells(int classes, int dimension, int shells, int testSize = 50) => new()
    {
        Task = SyntheticTask.RadialShells, Classes = classes, Dimension = dimension, Shells = shells, TestSize = testSize,
    };

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(6.0)]
    [InlineData(12.0)]
    [InlineData(30.0)]
    [InlineData(60.0)]
    public void The_chi_square_distribution_function_has_its_closed_forms(double x)
    {
        Assert.Equal(1 - Math.Exp(-x / 2), RadialShells.ChiSquareCdf(x, 2), 1e-10);
        Assert.Equal(1 - Math.Exp(-x / 2) * (1 + x / 2), RadialShells.ChiSquareCdf(x, 4), 1e-10);
        Assert.Equal(Erf(Math.Sqrt(x / 2)), RadialShells.ChiSquareCdf(x, 1), 1e-10);
        // D = 3: erf(sqrt(x/2)) - sqrt(2x/pi) exp(-x/2), the odd case past Gamma(1/2).
        Assert.Equal(Erf(Math.Sqrt(x / 2)) - Math.Sqrt(2 * x / Math.PI) * Math.Exp(-x / 2), RadialShells.ChiSquareCdf(x, 3), 1e-10);
    }

    /// <summary>Table values: the 95% and 99% quantiles of chi-square with 1, 3 and 10 degrees of freedom.</summary>
    [Theory]
    [InlineData(3.841458820694124, 1, 0.95)]
    [InlineData(6.634896601021214, 1, 0.99)]
    [InlineData(7.814727903251178, 3, 0.95)]
    [InlineData(18.307038053275146, 10, 0.95)]
    public void The_chi_square_distribution_function_meets_the_table(double quantile, int degrees, double probability)
    {
        Assert.Equal(probability, RadialShells.ChiSquareCdf(quantile, degrees), 1e-10);
        Assert.Equal(0.0, RadialShells.ChiSquareCdf(0, degrees));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(10)]
    public void In_two_dimensions_the_cuts_are_the_exponential_quantiles(int shells)
    {
        double[] cuts = RadialShells.ShellCuts(2, shells);
        Assert.Equal(shells - 1, cuts.Length);
        for (int k = 1; k < shells; k++)
            Assert.Equal(-2 * Math.Log(1 - (double)k / shells), cuts[k - 1], 1e-9);
    }

    /// <summary>A large dimension: the cuts come quickly and agree with Wilson-Hilferty's normal approximation.</summary>
    [Fact]
    public void In_a_million_dimensions_the_cuts_are_the_normal_quartiles()
    {
        const int dimension = 1_000_000;
        double[] cuts = RadialShells.ShellCuts(dimension, 4);
        double[] z = [-0.6744897501960817, 0, 0.6744897501960817];
        for (int k = 0; k < 3; k++)
        {
            double wilsonHilferty = dimension * Math.Pow(1 - 2.0 / (9 * dimension) + z[k] * Math.Sqrt(2.0 / (9 * dimension)), 3);
            Assert.Equal(wilsonHilferty, cuts[k], 0.01);
        }
    }

    /// <summary>Every shell holds 1/S of a large sample, so class c holds its share of the shells k = c mod C; every
    /// label is the label of its features' squared radius.</summary>
    [Theory]
    [InlineData(2, 2, 4, new[] { 1 / 2.0, 1 / 2.0 })]
    [InlineData(2, 2, 3, new[] { 2 / 3.0, 1 / 3.0 })]
    [InlineData(3, 5, 7, new[] { 3 / 7.0, 2 / 7.0, 2 / 7.0 })]
    [InlineData(2, 1, 2, new[] { 1 / 2.0, 1 / 2.0 })]
    public void The_shells_are_equally_likely_and_set_the_labels(int classes, int dimension, int shells, double[] shares)
    {
        const int n = 200_000;
        TrialData data = RadialShells.Create(Shells(classes, dimension, shells, testSize: n), 10, trialSeed: 3);
        double[] cuts = RadialShells.ShellCuts(dimension, shells);
        var shellCounts = new int[shells];
        for (int i = 0; i < n; i++)
        {
            double squaredRadius = 0;
            for (int j = 0; j < dimension; j++) squaredRadius += (double)data.TestFeatures[i * dimension + j] * data.TestFeatures[i * dimension + j];
            Assert.Equal(RadialShells.Label(squaredRadius, cuts, classes), data.TestLabels[i]);
            shellCounts[RadialShells.Label(squaredRadius, cuts, shells)]++; // modulo S: the shell itself
        }
        foreach (int count in shellCounts) AssertShare(count, n, 1.0 / shells);
        for (int c = 0; c < classes; c++) AssertShare(data.TestLabels.Count(l => l == c), n, shares[c]);
    }

    [Fact]
    public void Radial_shells_are_a_function_of_their_seeds()
    {
        var settings = Shells(classes: 2, dimension: 3, shells: 4);
        TrialData a = RadialShells.Create(settings, 40, trialSeed: 1);
        TrialData b = RadialShells.Create(settings, 40, trialSeed: 1);
        TrialData c = RadialShells.Create(settings, 40, trialSeed: 2);
        Assert.Equal(a.TrainFeatures, b.TrainFeatures);
        Assert.Equal(a.TrainLabels, b.TrainLabels);
        Assert.Equal(a.TestFeatures, b.TestFeatures);
        Assert.Equal(a.TestLabels, b.TestLabels);
        Assert.NotEqual(a.TrainFeatures, c.TrainFeatures);
        Assert.NotEqual(a.TestFeatures, c.TestFeatures); // each seed its own test sample
        Assert.NotEqual(a.TrainFeatures, a.TestFeatures[..a.TrainFeatures.Length]); // the test sample has a stream of its own
        Assert.NotEqual(a.TrainFeatures, RadialShells.Create(settings with { DataSeed = 1 }, 40, trialSeed: 1).TrainFeatures);
        Assert.Equal("radial_shells(C=2, D=3, shells=4)", a.Name);
    }

    [Fact]
    public void The_test_sample_depends_on_the_test_seed_alone()
    {
        var settings = Shells(classes: 2, dimension: 2, shells: 4);
        TrialData a = RadialShells.Create(settings, 40, trialSeed: 1, testSeed: 5);
        TrialData b = RadialShells.Create(settings, 40, trialSeed: 2, testSeed: 5);
        TrialData c = RadialShells.Create(settings, 40, trialSeed: 1, testSeed: 6);
        Assert.Equal(a.TestFeatures, b.TestFeatures);
        Assert.Equal(a.TestLabels, b.TestLabels);
        Assert.NotEqual(a.TrainFeatures, b.TrainFeatures);
        Assert.Equal(a.TrainFeatures, c.TrainFeatures);
        Assert.NotEqual(a.TestFeatures, c.TestFeatures);
        Assert.Equal(RadialShells.Create(settings, 40, trialSeed: 5).TestFeatures, a.TestFeatures); // no test seed: the trial seed
    }

    [Fact]
    public void The_factory_builds_radial_shells_and_a_cmi_trial_keeps_the_trial_seeds_test_sample()
    {
        var small = TrialConfigs.Small();
        var config = small with { Dataset = Shells(classes: 2, dimension: 2, shells: 4, testSize: 300), TrainSize = 20, Cmi = new CmiDraw(0, 0) };
        TrialData cmi = TrialDataFactory.Create(config);
        TrialData plain = TrialDataFactory.Create(config with { Cmi = null });
        TrialData otherSeed = TrialDataFactory.Create(config with { Cmi = null, Seed = config.Seed + 1 });

        Assert.StartsWith("radial_shells(", plain.Name);
        Assert.Equal(RadialShells.Create(config.Dataset, 20, trialSeed: config.Seed).TrainFeatures, plain.TrainFeatures);
        Assert.Equal(plain.TestFeatures, cmi.TestFeatures);
        Assert.NotEqual(plain.TestFeatures, otherSeed.TestFeatures);
        Assert.NotEqual(plain.TrainFeatures, otherSeed.TrainFeatures);
    }

    /// <summary>Within 5 binomial standard errors of the exact share.</summary>
    private static void AssertShare(int count, int n, double share)
    {
        double standardError = Math.Sqrt(share * (1 - share) / n);
        Assert.InRange((double)count / n, share - 5 * standardError, share + 5 * standardError);
    }

    /// <summary>erf by its Taylor series 2/sqrt(pi) sum_n (-1)^n z^(2n+1) / (n! (2n+1)), summed in decimal (28 digits),
    /// so the alternating terms' cancellation costs nothing at the z used here (up to about 5.5).</summary>
    private static double Erf(double z)
    {
        decimal x = (decimal)z, power = x, sum = 0; // power = (-1)^n z^(2n+1) / n!
        for (int n = 0; n < 400; n++)
        {
            decimal term = power / (2 * n + 1);
            sum += term;
            if (Math.Abs(term) < 1e-26m) break;
            power = -power * x * x / (n + 1);
        }
        return (double)sum * 2 / Math.Sqrt(Math.PI);
    }
}
