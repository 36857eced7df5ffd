using SweepCluster.Core.Statistics;

namespace SweepCluster.Core.Studies;

/// <summary>A power law q = A n^b fitted to the seed means of a quantity at several sample sizes n: least squares of
/// ln(mean) on ln(n), with a 95% interval on the exponent b from a bootstrap over seeds (each n's seeds resampled
/// with replacement, the fit repeated). Sample sizes where the quantity is not resolved from zero (its 95% t-interval
/// over seeds reaches zero) are left out (<see cref="LeftOut"/>): a gap that is zero within its noise has no logarithm,
/// and a resample would put its mean at or below zero. The interval is undefined when more than 5% of the resamples
/// still do.</summary>
/// <param name="Sizes">The sample sizes the fit used.</param>
/// <param name="Identity">Every seed had the same value at every n: the quantity is computed from the settings, so
/// its exponent is an identity, not a measurement.</param>
public sealed record PowerLawFit(
    IReadOnlyList<int> Sizes,
    int LeftOut,
    double Exponent,
    double? Low,
    double? High,
    double Prefactor,
    bool Identity)
{
    /// <summary>Resamples of the bootstrap; fixed, like its seed, so a report is a function of the results alone.</summary>
    public const int Resamples = 2000;

    private const int BootstrapSeed = 20_240_101;
    private const double MaxUndefinedShare = 0.05;

    /// <summary>The n at which the fitted law reaches <paramref name="level"/> (null for an exponent of zero or the
    /// wrong sign: the law never gets there by adding data).</summary>
    public double? SizeToReach(double level) =>
        Exponent < 0 && level > 0 ? Math.Exp((Math.Log(level) - Math.Log(Prefactor)) / Exponent) : null;

    /// <summary>The fit of <paramref name="points"/> (n, that n's per-seed values); null with fewer than 3 resolved sizes.</summary>
    public static PowerLawFit? Fit(IReadOnlyList<(int Size, IReadOnlyList<double> Values)> points)
    {
        var used = points.Where(p => Resolved(p.Values)).OrderBy(p => p.Size).ToList();
        if (used.Count < 3) return null;
        var logN = used.Select(p => Math.Log(p.Size)).ToArray();
        var (slope, intercept) = LeastSquares(logN, used.Select(p => Math.Log(p.Values.Average())).ToArray());
        bool identity = used.All(p => p.Values.All(v => Math.Abs(v - p.Values[0]) <= 1e-12 * Math.Abs(p.Values[0])));

        var random = new Random(BootstrapSeed);
        var slopes = new List<double>(Resamples);
        var logMeans = new double[used.Count];
        int undefined = 0;
        for (int b = 0; b < Resamples; b++)
        {
            bool defined = true;
            for (int i = 0; i < used.Count && defined; i++)
            {
                var values = used[i].Values;
                double sum = 0;
                for (int k = 0; k < values.Count; k++) sum += values[random.Next(values.Count)];
                if (sum > 0) logMeans[i] = Math.Log(sum / values.Count);
                else defined = false;
            }
            if (defined) slopes.Add(LeastSquares(logN, logMeans).Slope);
            else undefined++;
        }
        double? low = null, high = null;
        if (undefined <= MaxUndefinedShare * Resamples && slopes.Count > 0)
        {
            slopes.Sort();
            low = Quantile(slopes, 0.025);
            high = Quantile(slopes, 0.975);
        }
        return new PowerLawFit(used.Select(p => p.Size).ToList(), points.Count - used.Count, slope, low, high,
            Math.Exp(intercept), identity);
    }

    /// <summary>The values' mean is positive and, with two or more seeds, its 95% t-interval lies above zero.</summary>
    private static bool Resolved(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return false;
        double mean = values.Average();
        if (values.Count == 1 || mean <= 0) return mean > 0;
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return mean - ConfidenceInterval.HalfWidth(sd, values.Count, 0.95) > 0;
    }

    private static (double Slope, double Intercept) LeastSquares(double[] x, double[] y)
    {
        double meanX = x.Average(), meanY = y.Average(), sxx = 0, sxy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }
        double slope = sxy / sxx;
        return (slope, meanY - slope * meanX);
    }

    /// <summary>The linear-interpolation quantile of sorted values (type 7, R's default).</summary>
    private static double Quantile(List<double> sorted, double p)
    {
        double h = (sorted.Count - 1) * p;
        int below = (int)Math.Floor(h);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
