using SweepCluster.Core.Spec;

namespace SweepCluster.Training.Data;

/// <summary>A seeded task where depth helps: x ~ N(0, I_D), and the label is set by the radius alone. The squared
/// radius is cut into S equally likely shells (quantiles of the chi-square law with D degrees of freedom) labelled
/// 0, 1, .., C-1, 0, 1, .. from the inside out, so the label oscillates S times along the radius and the Bayes error
/// is zero. A net with one hidden layer is a sum of ridge functions and needs many units for a radial function that
/// oscillates (Eldan and Shamir 2016); a second layer can first compute the squares and then cut the radius.
/// Samples are drawn like the Gaussian mixture's: the training sample with the trial seed, the test sample with
/// the test seed, each from its own stream of the data seed.</summary>
public static class RadialShells
{
    public static TrialData Create(DatasetSettings settings, int trainSize, int trialSeed, int? testSeed = null)
    {
        int shells = settings.Shells ?? settings.Classes;
        double[] cuts = ShellCuts(settings.Dimension, shells);
        var (testX, testY) = Sample(settings, cuts, settings.TestSize, new SeededNormal(TestSamples.Seed(settings, testSeed ?? trialSeed)));
        var (trainX, trainY) = Sample(settings, cuts, trainSize, new SeededNormal(SeedStreams.Derive(settings.DataSeed, 2 + trialSeed)));
        string name = $"radial_shells(C={settings.Classes}, D={settings.Dimension}, shells={shells})";
        return new TrialData(name, settings.Classes, settings.Dimension, trainX, trainY, testX, testY);
    }

    /// <summary>The label of a point with squared radius <paramref name="squaredRadius"/>: its shell's index mod C.</summary>
    public static int Label(double squaredRadius, double[] cuts, int classes)
    {
        int shell = 0;
        while (shell < cuts.Length && squaredRadius >= cuts[shell]) shell++;
        return shell % classes;
    }

    /// <summary>The S - 1 inner boundaries of the squared radius: the k/S quantiles of chi-square with D degrees of
    /// freedom, found by bisection on its distribution function.</summary>
    public static double[] ShellCuts(int dimension, int shells)
    {
        var cuts = new double[shells - 1];
        double logGamma = LogGammaHalfInteger(dimension); // once, not per bisection step: O(D) logs each time
        for (int k = 1; k < shells; k++)
        {
            double target = (double)k / shells, low = 0, high = dimension + 40.0 * Math.Sqrt(2.0 * dimension) + 40;
            for (int step = 0; step < 200 && high - low > 1e-12 * high; step++)
            {
                double middle = 0.5 * (low + high);
                if (ChiSquareCdf(middle, dimension, logGamma) < target) low = middle; else high = middle;
            }
            cuts[k - 1] = 0.5 * (low + high);
        }
        return cuts;
    }

    /// <summary>P(chi-square with k degrees of freedom <= x): the regularized lower incomplete gamma P(k/2, x/2), by
    /// its power series (converges for every x; used here below the mean plus 40 standard deviations).</summary>
    public static double ChiSquareCdf(double x, int degrees) => ChiSquareCdf(x, degrees, LogGammaHalfInteger(degrees));

    private static double ChiSquareCdf(double x, int degrees, double logGamma)
    {
        if (x <= 0) return 0;
        double a = degrees / 2.0, z = x / 2.0;
        double term = 1.0 / a, sum = term;
        for (int n = 1; n < 100_000; n++)
        {
            term *= z / (a + n);
            sum += term;
            if (term < sum * 1e-16) break;
        }
        return Math.Min(1.0, Math.Exp(a * Math.Log(z) - z - logGamma) * sum);
    }

    /// <summary>log Gamma(k/2), exactly from Gamma(1) = 1, Gamma(1/2) = sqrt(pi) and Gamma(a + 1) = a Gamma(a).</summary>
    private static double LogGammaHalfInteger(int k)
    {
        double a = k % 2 == 0 ? 1.0 : 0.5, log = k % 2 == 0 ? 0.0 : 0.5 * Math.Log(Math.PI);
        for (; a < k / 2.0; a += 1.0) log += Math.Log(a);
        return log;
    }

    private static (float[] Features, int[] Labels) Sample(DatasetSettings settings, double[] cuts, int count, SeededNormal normal)
    {
        int dimension = settings.Dimension;
        var features = new float[count * dimension];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            // The radius of the stored (float) features, so the label is a function of exactly what the net sees.
            double squaredRadius = 0;
            for (int j = 0; j < dimension; j++)
            {
                float value = (float)normal.Next();
                features[i * dimension + j] = value;
                squaredRadius += (double)value * value;
            }
            labels[i] = Label(squaredRadius, cuts, settings.Classes);
        }
        return (features, labels);
    }
}
