using SweepCluster.Core.Bounds;

namespace SweepCluster.Core.Tests.Bounds;

public sealed class NumericFunctionsTests
{
    [Fact]
    public void Log1P_is_accurate_where_log_of_one_plus_x_is_not()
    {
        const double x = 1e-12;
        double series = x - x * x / 2 + x * x * x / 3; // 1e-12 - 5e-25 + ...
        double accurate = NumericFunctions.Log1P(x);
        Assert.True(Math.Abs(accurate - series) / series < 1e-12, $"Log1P({x}) = {accurate:R}, series {series:R}");
        // The naive form rounds 1 + 1e-12 to the nearest multiple of 2^-52 first: about 1e-4 relative error.
        double naive = Math.Log(1 + x);
        Assert.True(Math.Abs(naive - series) / series > 1e-6);
    }

    [Theory]
    [InlineData(1e-5)]
    [InlineData(-1e-7)]
    [InlineData(3e-9)]
    public void Log1P_matches_the_series_for_small_arguments(double x)
    {
        double series = x - x * x / 2 + x * x * x / 3 - x * x * x * x / 4;
        Assert.True(Math.Abs(NumericFunctions.Log1P(x) - series) <= 4e-16 * Math.Abs(series));
    }

    [Fact]
    public void Log1P_handles_large_special_and_sub_epsilon_arguments()
    {
        Assert.Equal(1e-20, NumericFunctions.Log1P(1e-20)); // 1 + 1e-20 == 1, yet log1p(x) = x to double precision
        Assert.Equal(Math.Log(2), NumericFunctions.Log1P(1), 15);
        Assert.Equal(-Math.Log(2), NumericFunctions.Log1P(-0.5), 15);
        Assert.Equal(Math.Log(1e300), NumericFunctions.Log1P(1e300), 12);
        Assert.Equal(double.NegativeInfinity, NumericFunctions.Log1P(-1));
        Assert.True(double.IsNaN(NumericFunctions.Log1P(-2)));
        Assert.Equal(double.PositiveInfinity, NumericFunctions.Log1P(double.PositiveInfinity));
        Assert.Equal(0.0, NumericFunctions.Log1P(0.0));
    }
}
