using SweepCluster.Core.Statistics;

namespace SweepCluster.Core.Tests.Statistics;

public sealed class SeedStatisticsTests
{
    [Fact]
    public void One_to_five_gives_the_hand_worked_t_interval()
    {
        // mean 3; squared deviations 4 + 1 + 0 + 1 + 4 = 10, s^2 = 10 / 4 = 2.5, s = 1.581139;
        // se = s / sqrt 5 = 0.707107; t_{0.975, 4} = 2.776445; half width = 1.963243
        var summary = SeedStatistics.Summarize([1, 2, 3, 4, 5]);
        Assert.Equal(5, summary.N);
        Assert.Equal(3.0, summary.Mean, 15);
        Assert.Equal(Math.Sqrt(2.5), summary.StdDev!.Value, 14);
        Assert.Equal(3 - 1.9632432, summary.Low!.Value, 1e-6);
        Assert.Equal(3 + 1.9632432, summary.High!.Value, 1e-6);
    }

    [Fact]
    public void The_level_picks_the_t_quantile()
    {
        // t_{0.95, 4} = 2.1318468; half width 2.1318468 * 0.7071068 = 1.5074430
        var summary = SeedStatistics.Summarize([1, 2, 3, 4, 5], level: 0.90);
        Assert.Equal(3 - 1.507443, summary.Low!.Value, 1e-6);
        Assert.Equal(3 + 1.507443, summary.High!.Value, 1e-6);
        Assert.Equal(2.776445, ConfidenceInterval.StudentTCritical(4, 0.95), 1e-6);
        Assert.Equal(12.706205, ConfidenceInterval.StudentTCritical(1, 0.95), 1e-6);
    }

    [Fact]
    public void Two_seeds_use_one_degree_of_freedom()
    {
        // [2, 4]: mean 3, s = sqrt(2) = 1.414214, se = 1, t_{0.975, 1} = 12.706205
        var summary = SeedStatistics.Summarize([2, 4]);
        Assert.Equal(3 - 12.706205, summary.Low!.Value, 1e-6);
        Assert.Equal(3 + 12.706205, summary.High!.Value, 1e-6);
        Assert.Equal(Math.Sqrt(2), summary.StdDev!.Value, 14);
    }

    [Fact]
    public void A_single_seed_has_a_mean_and_no_interval()
    {
        var summary = SeedStatistics.Summarize([0.42]);
        Assert.Equal(new Summary(1, 0.42, null, null, null), summary);
    }

    [Fact]
    public void Identical_values_give_a_zero_width_interval()
    {
        var summary = SeedStatistics.Summarize([0.25, 0.25, 0.25]);
        Assert.Equal(0.0, summary.StdDev);
        Assert.Equal(0.25, summary.Low);
        Assert.Equal(0.25, summary.High);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Missing_or_infinite_values_are_rejected_not_averaged(double bad)
    {
        Assert.Throws<ArgumentException>(() => SeedStatistics.Summarize([1, bad, 3]));
    }

    [Fact]
    public void No_values_or_an_impossible_level_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SeedStatistics.Summarize([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedStatistics.Summarize([1, 2], level: 1.0));
    }
}
