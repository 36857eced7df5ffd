using SweepCluster.Core.Bounds;

namespace SweepCluster.Core.Tests.Bounds;

public sealed class FanoBoundTests
{
    [Theory]
    [InlineData(0.0, 10, 0.698970004)] // 1 - ln 2 / ln 10 = 1 - 0.301030
    [InlineData(1.0, 10, 0.264675522)] // 1 - 1.693147 / 2.302585 = 1 - 0.735324
    [InlineData(0.5, 4, 0.139326240)]  // 1 - 1.193147 / 1.386294 = 1 - 0.860674
    [InlineData(3.0, 10, 0.0)]         // (3 + ln 2) / ln 10 > 1: clamped
    [InlineData(0.0, 2, 0.0)]          // two classes: (0 + ln 2) / ln 2 = 1, no information needed to say nothing
    public void Fano_lower_bound_is_one_minus_I_plus_ln2_over_ln_C(double information, int classes, double expected)
    {
        Assert.Equal(expected, FanoBound.LowerBound(information, classes), 8);
    }

    [Fact]
    public void Information_of_ln_C_minus_ln_2_gives_zero_exactly_at_the_edge()
    {
        // I = ln 5 with C = 10: (ln 5 + ln 2) / ln 10 = 1
        Assert.Equal(0.0, FanoBound.LowerBound(Math.Log(5), 10), 12);
    }

    [Fact]
    public void A_negative_estimate_counts_as_zero_information_and_one_class_is_rejected()
    {
        Assert.Equal(FanoBound.LowerBound(0.0, 10), FanoBound.LowerBound(-0.05, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => FanoBound.LowerBound(0.1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FanoBound.LowerBound(double.NaN, 10));
    }

    [Fact]
    public void With_uniform_labels_the_entropy_form_equals_the_uniform_form()
    {
        foreach (double information in new[] { 0.0, 0.2, 0.5, 1.0 })
            Assert.Equal(FanoBound.LowerBound(information, 4), FanoBound.LowerBound(information, 4, Math.Log(4)), 14);
    }

    [Fact]
    public void Unbalanced_labels_lower_the_bound_by_their_missing_entropy()
    {
        // H(Y) = 1.2 of ln 4 = 1.386, I = 0.1: (1.2 - 0.1 - ln 2) / ln 4 = 0.406853 / 1.386294 = 0.293482
        Assert.Equal(0.2934821, FanoBound.LowerBound(0.1, 4, 1.2), 6);
        // All labels alike: nothing to predict, no error forced.
        Assert.Equal(0.0, FanoBound.LowerBound(0.0, 4, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FanoBound.LowerBound(0.1, 4, 2.0));
    }
}
