using SweepCluster.Core.Data;

namespace SweepCluster.Core.Tests.Information;

/// <summary>Seeded Gaussian test data (Box-Muller on System.Random) and the closed forms it is checked against.</summary>
internal static class GaussianSamples
{
    /// <summary>One standard normal draw by Box-Muller (the cosine half; the sine half is dropped for simplicity).</summary>
    public static double Next(Random random)
    {
        double u1 = 1.0 - random.NextDouble(); // in (0, 1], so the log is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>n samples of <paramref name="pairs"/> independent (x_c, y_c) pairs with correlation rho:
    /// x_c = z1, y_c = rho z1 + sqrt(1 - rho^2) z2.</summary>
    public static (SampleMatrix X, SampleMatrix Y) CorrelatedPairs(int n, int pairs, double rho, int seed)
    {
        var random = new Random(seed);
        var x = new SampleMatrix(n, pairs);
        var y = new SampleMatrix(n, pairs);
        double rest = Math.Sqrt(1.0 - rho * rho);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < pairs; c++)
            {
                double z1 = Next(random), z2 = Next(random);
                x[r, c] = z1;
                y[r, c] = rho * z1 + rest * z2;
            }
        return (x, y);
    }

    /// <summary>I of one Gaussian pair with correlation rho: -0.5 ln(1 - rho^2).</summary>
    public static double PairInformation(double rho) => -0.5 * Math.Log(1.0 - rho * rho);

    /// <summary>n draws of N(0, S) as L z with S = L L^T.</summary>
    public static SampleMatrix Multivariate(int n, double[,] covariance, int seed)
    {
        var l = Cholesky(covariance);
        int d = l.GetLength(0);
        var random = new Random(seed);
        var result = new SampleMatrix(n, d);
        var z = new double[d];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < d; c++) z[c] = Next(random);
            for (int i = 0; i < d; i++)
            {
                double v = 0;
                for (int j = 0; j <= i; j++) v += l[i, j] * z[j];
                result[r, i] = v;
            }
        }
        return result;
    }

    /// <summary>ln det S = 2 sum ln L_ii.</summary>
    public static double LogDeterminant(double[,] s)
    {
        var l = Cholesky(s);
        double sum = 0;
        for (int i = 0; i < l.GetLength(0); i++) sum += Math.Log(l[i, i]);
        return 2.0 * sum;
    }

    /// <summary>The leading principal block S[from..from+size, from..from+size].</summary>
    public static double[,] Block(double[,] s, int from, int size)
    {
        var b = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                b[i, j] = s[from + i, from + j];
        return b;
    }

    private static double[,] Cholesky(double[,] s)
    {
        int d = s.GetLength(0);
        var l = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = s[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        return l;
    }
}
