using SweepCluster.Core.Data;
using SweepCluster.Core.Information;

namespace SweepCluster.Core.Tests.Information;

public sealed class PairwiseMixtureBoundsTests
{
    // Exact algebra (copies of rows, closed forms of two-point mixtures) only differs by rounding.
    private const double Exact = 1e-12;

    // The trapezoid rule on a smooth, rapidly decaying integrand is accurate far beyond this.
    private const double QuadratureTolerance = 1e-9;

    // Population values of the Gaussian-channel bounds are means over N = 2000 samples of a term with standard
    // deviation about 0.5 nats: standard error about 0.011, so 0.05 is over four standard errors.
    private const double PopulationTolerance = 0.05;

    [Fact]
    public void Gaussian_channel_bounds_bracket_the_capacity_and_match_their_population_values()
    {
        // X ~ N(0, P I_d) sampled as N points, T = X + N(0, s^2 I_d). N = 2000 >> e^I = 2.
        const int n = 2000, d = 2;
        const double p = 1.0, s = 1.0;
        var random = new Random(21);
        var centers = new SampleMatrix(n, d);
        for (int i = 0; i < centers.Data.Length; i++) centers.Data[i] = Math.Sqrt(p) * GaussianSamples.Next(random);

        var bounds = PairwiseMixtureBounds.Estimate(centers, s);

        double analytic = d / 2.0 * Math.Log(1 + p / (s * s)); // ln 2 = 0.6931
        Assert.InRange(analytic, bounds.Lower, bounds.Upper);
        // For a Gaussian input the pairwise sums have closed forms: E_j exp(-|x_i - x_j|^2 / (2 v)) over x_j ~ N(0, P I)
        // gives upper = (d/2) ln(1 + P/s^2) + (d/2) P/(P + s^2) and, with v = 4 s^2,
        // lower = (d/2) ln(1 + P/(4 s^2)) + (d/2) P/(P + 4 s^2). So the bracket is [0.423, 1.193] here.
        double upper = d / 2.0 * (Math.Log(1 + p / (s * s)) + p / (p + s * s));
        double lower = d / 2.0 * (Math.Log(1 + p / (4 * s * s)) + p / (p + 4 * s * s));
        Assert.Equal(upper, bounds.Upper, PopulationTolerance);
        Assert.Equal(lower, bounds.Lower, PopulationTolerance);
    }

    [Fact]
    public void Well_separated_points_give_log_n_at_low_noise_and_zero_at_high_noise()
    {
        // 8 points on a 2-D grid with spacing 10.
        const int n = 8;
        var centers = new SampleMatrix(n, 2);
        for (int i = 0; i < n; i++) (centers[i, 0], centers[i, 1]) = (10.0 * (i % 4), 10.0 * (i / 4));

        var quiet = PairwiseMixtureBounds.Estimate(centers, 0.1);
        Assert.Equal(Math.Log(n), quiet.Lower, Exact);
        Assert.Equal(Math.Log(n), quiet.Upper, Exact);

        var loud = PairwiseMixtureBounds.Estimate(centers, 1e4);
        Assert.InRange(loud.Lower, 0.0, 1e-5); // I ~ spread^2 / s^2 ~ 1e-6 here
        Assert.InRange(loud.Upper, 0.0, 1e-5);

        // Both bounds fall monotonically with s (each pairwise exp term grows with s).
        double[] noise = [0.1, 0.5, 1, 2, 5, 10, 50, 1e3, 1e4];
        var all = noise.Select(s => PairwiseMixtureBounds.Estimate(centers, s)).ToArray();
        for (int i = 1; i < all.Length; i++)
        {
            Assert.True(all[i].Lower <= all[i - 1].Lower + Exact);
            Assert.True(all[i].Upper <= all[i - 1].Upper + Exact);
        }
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(4.0)]
    public void Two_points_in_one_dimension_bracket_the_exact_quadrature_value(double s)
    {
        var centers = new SampleMatrix([-1.0, 1.0], 2, 1);
        var bounds = PairwiseMixtureBounds.Estimate(centers, s);

        // Closed forms for N = 2, distance^2 = 4: upper = ln 2 - ln(1 + e^{-2/s^2}), lower = ln 2 - ln(1 + e^{-1/(2 s^2)}).
        Assert.Equal(Math.Log(2) - Math.Log(1 + Math.Exp(-2 / (s * s))), bounds.Upper, Exact);
        Assert.Equal(Math.Log(2) - Math.Log(1 + Math.Exp(-1 / (2 * s * s))), bounds.Lower, Exact);

        double exact = TwoPointInformation(s);
        Assert.InRange(exact, bounds.Lower - QuadratureTolerance, bounds.Upper + QuadratureTolerance);
    }

    [Fact]
    public void Information_falls_along_a_noisy_chain()
    {
        // X uniform on 64 points in R^4; T_l = tanh(W_l T_(l-1)) + N(0, s^2 I), 3 layers, M = 16 noise paths.
        const int n = 64, w = 4, m = 16, layers = 3;
        const double s = 0.5;
        var random = new Random(31);
        var previous = new SampleMatrix(n * m, w); // path-major: row p * n + i is input i on path p
        var inputs = new double[n, w];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < w; c++)
                inputs[i, c] = GaussianSamples.Next(random);
        for (int p = 0; p < m; p++)
            for (int i = 0; i < n; i++)
                for (int c = 0; c < w; c++)
                    previous[p * n + i, c] = inputs[i, c];
        int[] inputOf = Enumerable.Range(0, n * m).Select(r => r % n).ToArray();

        var results = new List<MixtureInformation>();
        for (int l = 0; l < layers; l++)
        {
            var weights = new double[w, w];
            for (int a = 0; a < w; a++)
                for (int b = 0; b < w; b++)
                    weights[a, b] = 1.5 * GaussianSamples.Next(random) / Math.Sqrt(w);
            var centers = new SampleMatrix(n * m, w);
            for (int r = 0; r < centers.Rows; r++)
                for (int a = 0; a < w; a++)
                {
                    double z = 0;
                    for (int b = 0; b < w; b++) z += weights[a, b] * previous[r, b];
                    centers[r, a] = Math.Tanh(z);
                }
            results.Add(PairwiseMixtureBounds.Estimate(centers, s, inputOf));
            previous = new SampleMatrix(n * m, w);
            for (int i = 0; i < centers.Data.Length; i++) previous.Data[i] = centers.Data[i] + s * GaussianSamples.Next(random);
        }

        // Data processing: each bound is non-increasing along the chain, and strictly so here (s > 0).
        for (int l = 1; l < layers; l++)
        {
            Assert.True(results[l].Upper < results[l - 1].Upper, $"upper rose at layer {l + 1}");
            Assert.True(results[l].Lower < results[l - 1].Lower, $"lower rose at layer {l + 1}");
        }
    }

    [Fact]
    public void Identical_paths_give_the_single_path_result()
    {
        const int n = 50, m = 5;
        var random = new Random(41);
        var single = new SampleMatrix(n, 3);
        for (int i = 0; i < single.Data.Length; i++) single.Data[i] = GaussianSamples.Next(random);
        var copies = single.SelectRows(Enumerable.Range(0, n * m).Select(r => r % n).ToArray());
        int[] inputOf = Enumerable.Range(0, n * m).Select(r => r % n).ToArray();

        var one = PairwiseMixtureBounds.Estimate(single, 0.7);
        var many = PairwiseMixtureBounds.Estimate(copies, 0.7, inputOf);
        Assert.Equal(one.Lower, many.Lower, Exact);
        Assert.Equal(one.Upper, many.Upper, Exact);
        Assert.True(one.Lower < one.Upper); // not a degenerate case
    }

    [Fact]
    public void Upper_standard_error_is_the_spread_of_the_per_path_upper_values()
    {
        // N = 6 inputs, M = 4 paths, rows path-major. Brute force: path j's value is
        // log N + (1/N) sum_i [log sum_(rows r of i) e^(-H/(8 s^2)) - log sum_(all rows r) e^(-H/(2 s^2))] at row (j, i);
        // their mean is the upper value and sd / sqrt(M) its standard error.
        const int n = 6, m = 4;
        const double s = 1.0;
        var random = new Random(7);
        var centers = new SampleMatrix(n * m, 2);
        for (int i = 0; i < centers.Data.Length; i++) centers.Data[i] = GaussianSamples.Next(random);
        int[] inputOf = Enumerable.Range(0, n * m).Select(r => r % n).ToArray();

        double Squared(int a, int b) => Math.Pow(centers[a, 0] - centers[b, 0], 2) + Math.Pow(centers[a, 1] - centers[b, 1], 2);
        var pathValues = new double[m];
        for (int j = 0; j < m; j++)
        {
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                int k = j * n + i;
                double within = Enumerable.Range(0, n * m).Where(r => inputOf[r] == i).Sum(r => Math.Exp(-Squared(k, r) / (8 * s * s)));
                double all = Enumerable.Range(0, n * m).Sum(r => Math.Exp(-Squared(k, r) / (2 * s * s)));
                total += Math.Log(within) - Math.Log(all);
            }
            pathValues[j] = Math.Log(n) + total / n;
        }
        double mean = pathValues.Average();
        double se = Math.Sqrt(pathValues.Sum(v => (v - mean) * (v - mean)) / (m - 1) / m);

        var bounds = PairwiseMixtureBounds.Estimate(centers, s, inputOf);
        Assert.Equal(mean, bounds.Upper, 12);
        Assert.Equal(se, bounds.UpperStandardError!.Value, 12);
        Assert.True(se > 0);
        int[] labels = Enumerable.Range(0, n).Select(i => i % 2).ToArray();
        Assert.Equal(se, PairwiseMixtureBounds.EstimateWithLabels(centers, s, inputOf, labels).X.UpperStandardError!.Value, 12);
    }

    [Fact]
    public void One_path_has_no_standard_error_and_identical_paths_have_zero()
    {
        const int n = 20, m = 3;
        var random = new Random(3);
        var single = new SampleMatrix(n, 2);
        for (int i = 0; i < single.Data.Length; i++) single.Data[i] = GaussianSamples.Next(random);
        var copies = single.SelectRows(Enumerable.Range(0, n * m).Select(r => r % n).ToArray());
        int[] inputOf = Enumerable.Range(0, n * m).Select(r => r % n).ToArray();
        Assert.Null(PairwiseMixtureBounds.Estimate(single, 0.7).UpperStandardError);
        Assert.Equal(0.0, PairwiseMixtureBounds.Estimate(copies, 0.7, inputOf).UpperStandardError!.Value, 12);
    }

    [Fact]
    public void Separated_classes_carry_log_c_about_the_label_and_nothing_at_high_noise()
    {
        // Two clusters of two points each: the labels are perfectly recoverable from T at low noise.
        var centers = new SampleMatrix([0, 0, 0, 1, 20, 0, 20, 1], 4, 2);
        int[] labels = [0, 0, 1, 1];

        var quiet = PairwiseMixtureBounds.EstimateWithLabels(centers, 0.05, null, labels);
        Assert.Equal(Math.Log(4), quiet.X.Upper, Exact);
        Assert.Equal(Math.Log(2), quiet.YLower, Exact);
        Assert.Equal(Math.Log(2), quiet.YUpper, Exact);
        Assert.Equal(Math.Log(2), quiet.YEstimate, Exact);

        var loud = PairwiseMixtureBounds.EstimateWithLabels(centers, 1e4, null, labels);
        Assert.InRange(loud.YUpper, 0.0, 1e-5);
        Assert.InRange(loud.YEstimate, 0.0, 1e-5);
    }

    [Fact]
    public void Label_bounds_are_ordered_and_reduce_to_the_input_bounds_in_the_limits()
    {
        const int n = 60, m = 3;
        var random = new Random(51);
        var centers = new SampleMatrix(n * m, 2);
        for (int i = 0; i < centers.Data.Length; i++) centers.Data[i] = GaussianSamples.Next(random);
        int[] inputOf = Enumerable.Range(0, n * m).Select(r => r % n).ToArray();
        int[] labelOfInput = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        int[] labelOfRow = inputOf.Select(i => labelOfInput[i]).ToArray();

        var byRow = PairwiseMixtureBounds.EstimateWithLabels(centers, 0.8, inputOf, labelOfRow);
        var byInput = PairwiseMixtureBounds.EstimateWithLabels(centers, 0.8, inputOf, labelOfInput);
        Assert.Equal(byRow, byInput);
        Assert.Equal(PairwiseMixtureBounds.Estimate(centers, 0.8, inputOf), byRow.X);
        Assert.True(byRow.YLower <= byRow.YEstimate && byRow.YEstimate <= byRow.YUpper);
        Assert.True(byRow.YUpper <= byRow.X.Upper);

        // One label for everything: nothing to learn about Y.
        var oneClass = PairwiseMixtureBounds.EstimateWithLabels(centers, 0.8, inputOf, new int[n]);
        Assert.Equal((0.0, 0.0, 0.0), (oneClass.YLower, oneClass.YUpper, oneClass.YEstimate));

        // Each input its own class: I(X;T|Y) = 0, so I(Y;T) = I(X;T).
        var ownClass = PairwiseMixtureBounds.EstimateWithLabels(centers, 0.8, inputOf, Enumerable.Range(0, n).ToArray());
        Assert.Equal(ownClass.X.Lower, ownClass.YLower, Exact);
        Assert.Equal(ownClass.X.Upper, ownClass.YUpper, Exact);
        Assert.Equal(ownClass.X.Upper, ownClass.YEstimate, Exact);
    }

    [Fact]
    public void Repeated_runs_are_bit_identical()
    {
        var random = new Random(61);
        var centers = new SampleMatrix(1500, 8);
        for (int i = 0; i < centers.Data.Length; i++) centers.Data[i] = GaussianSamples.Next(random);
        Assert.Equal(PairwiseMixtureBounds.Estimate(centers, 1.3), PairwiseMixtureBounds.Estimate(centers, 1.3));
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var centers = new SampleMatrix([0.0, 1.0, 2.0, 3.0], 4, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => PairwiseMixtureBounds.Estimate(centers, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairwiseMixtureBounds.Estimate(centers, -1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairwiseMixtureBounds.Estimate(centers, double.NaN));
        // Input 0 has three rows, input 1 one: unequal path counts.
        Assert.Throws<ArgumentException>(() => PairwiseMixtureBounds.Estimate(centers, 1.0, [0, 0, 0, 1]));
        Assert.Throws<ArgumentException>(() => PairwiseMixtureBounds.Estimate(centers, 1.0, [0, 1]));
        // Two rows of input 0 with different labels.
        Assert.Throws<ArgumentException>(() => PairwiseMixtureBounds.EstimateWithLabels(centers, 1.0, [0, 1, 0, 1], [0, 0, 1, 1]));
    }

    /// <summary>I(X;T) for X uniform on {-1, +1}, T = X + N(0, s^2): h(T) by trapezoid quadrature minus h(T|X).</summary>
    private static double TwoPointInformation(double s)
    {
        double lo = -1 - 14 * s, hi = 1 + 14 * s;
        const int steps = 400_000;
        double step = (hi - lo) / steps, entropy = 0;
        for (int i = 0; i <= steps; i++)
        {
            double t = lo + i * step;
            double density = 0.5 * (Normal(t + 1, s) + Normal(t - 1, s));
            double integrand = density > 0 ? -density * Math.Log(density) : 0.0;
            entropy += (i == 0 || i == steps ? 0.5 : 1.0) * integrand;
        }
        entropy *= step;
        return entropy - 0.5 * Math.Log(2 * Math.PI * Math.E * s * s);
    }

    private static double Normal(double x, double s) => Math.Exp(-x * x / (2 * s * s)) / (s * Math.Sqrt(2 * Math.PI));
}
