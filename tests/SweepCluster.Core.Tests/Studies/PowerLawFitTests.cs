using SweepCluster.Core.Studies;

namespace SweepCluster.Core.Tests.Studies;

public class PowerLawFitTests
{
    private static readonly int[] _sizes = [250, 500, 1000, 2000, 4000, 8000, 16000];

    /// <summary>Seeds scattered multiplicatively around A n^b, so each n's mean is known up to the scatter.</summary>
    private static List<(int Size, IReadOnlyList<double> Values)> Law(double prefactor, double exponent, double scatter, int seeds = 10) =>
        _sizes.Select(n => (n, (IReadOnlyList<double>)Enumerable.Range(0, seeds)
            .Select(s => prefactor * Math.Pow(n, exponent) * (1 + scatter * (s - (seeds - 1) / 2.0) / seeds)).ToList())).ToList();

    [Theory]
    [InlineData(-0.5)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    public void An_exact_power_law_gives_its_exponent_and_prefactor_and_is_flagged_identity(double exponent)
    {
        var fit = PowerLawFit.Fit(Law(2.0, exponent, scatter: 0))!;

        Assert.Equal(exponent, fit.Exponent, 10);
        Assert.Equal(2.0, fit.Prefactor, 8);
        Assert.Equal(exponent, fit.Low!.Value, 10);
        Assert.Equal(exponent, fit.High!.Value, 10);
        Assert.True(fit.Identity);
        Assert.Equal(_sizes, fit.Sizes);
    }

    [Fact]
    public void Seed_scatter_gives_an_interval_that_holds_the_true_exponent_and_is_not_an_identity()
    {
        var fit = PowerLawFit.Fit(Law(0.3, -0.5, scatter: 0.5))!;

        Assert.False(fit.Identity);
        Assert.InRange(-0.5, fit.Low!.Value, fit.High!.Value);
        Assert.True(fit.High - fit.Low > 0.001, $"interval [{fit.Low}, {fit.High}] has no width");
        Assert.True(fit.High - fit.Low < 0.2, $"interval [{fit.Low}, {fit.High}] is wider than 10 seeds with 25% scatter allow");
    }

    [Fact]
    public void The_size_to_reach_a_level_inverts_the_law()
    {
        var fit = PowerLawFit.Fit(Law(2.0, -0.5, scatter: 0))!;

        // 2 n^-1/2 = 0.01 at n = (0.01 / 2)^-2 = 40,000.
        Assert.Equal(40_000, fit.SizeToReach(0.01)!.Value, 6);
        Assert.Null(PowerLawFit.Fit(Law(2.0, 0.2, scatter: 0))!.SizeToReach(0.01));
    }

    [Fact]
    public void Sizes_whose_mean_is_not_positive_are_left_out_and_too_few_sizes_give_no_fit()
    {
        var points = Law(1.0, -0.5, scatter: 0.2);
        points[^1] = (points[^1].Size, [-0.01, 0.005, -0.002]);

        var fit = PowerLawFit.Fit(points)!;

        Assert.Equal(1, fit.LeftOut);
        Assert.DoesNotContain(16000, fit.Sizes);
        Assert.Null(PowerLawFit.Fit(points.Take(2).ToList()));
    }

    [Fact]
    public void Sizes_where_the_quantity_is_zero_within_its_noise_are_left_out()
    {
        // Positive means at the two largest n, but their seeds straddle zero: no logarithm to fit there.
        var points = Law(1.0, -0.5, scatter: 0.2);
        points[^1] = (points[^1].Size, [0.02, -0.018, 0.001, -0.002, 0.003]);
        points[^2] = (points[^2].Size, [0.01, -0.009, 0.002]);

        var fit = PowerLawFit.Fit(points)!;

        Assert.Equal(2, fit.LeftOut);
        Assert.Equal(_sizes[..^2], fit.Sizes);
        Assert.InRange(-0.5, fit.Low!.Value, fit.High!.Value);
        Assert.Null(PowerLawFit.Fit(_sizes.Select(n => (n, (IReadOnlyList<double>)[0.02, -0.018, 0.001])).ToList()));
    }
}
