using SweepCluster.Core.Bounds;

namespace SweepCluster.Core.Tests.Bounds;

public sealed class PensiaSumTests
{
    [Fact]
    public void Total_adds_d_over_2_log1p_of_alpha_K_over_sigma_squared_over_d_per_step()
    {
        var sum = new PensiaSum(dimension: 2, sampleCount: 3);
        // step 1: alpha K / sigma = 0.1 * 1 / 0.1 = 1, x = 1^2 / 2 = 0.5, term = (2/2) ln 1.5 = 0.405465108
        sum.AddStep(alpha: 0.1, sigma: 0.1, clip: 1.0, [0, 1]);
        Assert.Equal(Math.Log(1.5), sum.Total!.Value, 14);
        // step 2: alpha K / sigma = 0.2 * 1 / 0.1 = 2, x = 4 / 2 = 2, term = ln 3 = 1.098612289
        sum.AddStep(alpha: 0.2, sigma: 0.1, clip: 1.0, [1, 2]);
        Assert.Equal(Math.Log(4.5), sum.Total!.Value, 14); // ln 1.5 + ln 3 = 1.504077397
        Assert.Equal(2, sum.Steps);
        Assert.True(sum.IsDefined);
        Assert.Null(sum.UndefinedReason);
    }

    [Fact]
    public void Clip_and_dimension_enter_as_the_formula_says()
    {
        // d = 1, alpha = 0.5, K = 4, sigma = 1: x = (0.5 * 4 / 1)^2 / 1 = 4, term = (1/2) ln 5 = 0.804718956
        Assert.Equal(0.5 * Math.Log(5), PensiaSum.Term(1, alpha: 0.5, sigma: 1, clip: 4), 14);
        // d = 8, alpha = 1, K = 2, sigma = 0.5: x = (1 * 2 / 0.5)^2 / 8 = 16 / 8 = 2, term = 4 ln 3 = 4.394449155
        Assert.Equal(4 * Math.Log(3), PensiaSum.Term(8, alpha: 1, sigma: 0.5, clip: 2), 13);
    }

    [Fact]
    public void Large_dimension_keeps_the_small_x_digits_through_log1p()
    {
        // d = 1e6, alpha K / sigma = 1: x = 1e-6, term = 5e5 * (1e-6 - 5e-13 + 3.3e-19) = 0.5 - 2.5e-7 + 1.7e-13.
        // Math.Log(1 + 1e-6) is off by about 1e-11 relative, i.e. 5e-12 absolute in the term.
        double expected = 5e5 * (1e-6 - 0.5e-12 + 1e-18 / 3);
        double term = PensiaSum.Term(1_000_000, alpha: 0.01, sigma: 0.01, clip: 1);
        Assert.True(Math.Abs(term - expected) < 1e-15, $"term {term:R}, expected {expected:R}");
    }

    [Fact]
    public void Per_sample_sums_charge_a_sample_alpha_over_b_of_each_step_whose_batch_held_it()
    {
        // d = 2, K = 1, sigma = 0.1: a step's total term is log1p((alpha/sigma)^2 / 2), a sample's (alpha k / b)
        // in place of alpha, k its count in a batch of size b.
        var sum = new PensiaSum(dimension: 2, sampleCount: 4);
        sum.AddStep(0.1, 0.1, 1.0, [0, 1]);    // total ln 1.5; per sample (0.05/0.1)^2/2 = 0.125: ln 1.125
        sum.AddStep(0.2, 0.1, 1.0, [1, 2]);    // total ln 3;   per sample (0.1/0.1)^2/2 = 0.5: ln 1.5
        sum.AddStep(0.2, 0.1, 1.0, [2, 2, 2]); // total ln 3;   sample 2 drawn 3 times of 3: alpha * 3/3, ln 3
        double[] perSample = sum.PerSample.ToArray();
        Assert.Equal(Math.Log(1.125), perSample[0], 14);
        Assert.Equal(Math.Log(1.125) + Math.Log(1.5), perSample[1], 14);
        Assert.Equal(Math.Log(1.5) + Math.Log(3), perSample[2], 14);
        Assert.Equal(0.0, perSample[3]);       // never in a batch
        Assert.Equal(Math.Log(1.5) + 2 * Math.Log(3), sum.Total!.Value, 14);
    }

    [Fact]
    public void A_sample_is_no_longer_charged_the_whole_batch_step()
    {
        // The old sum gave every sample of a batch the full step term, which made B_ISMI = sqrt(b) * B_XR exactly.
        var sum = new PensiaSum(dimension: 10, sampleCount: 64);
        sum.AddStep(0.05, 0.01, 5.0, Enumerable.Range(0, 64).ToArray());
        double step = PensiaSum.Term(10, 0.05, 0.01, 5.0);
        double perSample = PensiaSum.Term(10, 0.05 / 64, 0.01, 5.0);
        Assert.All(sum.PerSample.ToArray(), value => Assert.Equal(perSample, value, 14));
        Assert.True(perSample < step / 64, "log1p is concave: 1/b of the step's sensitivity costs less than 1/b of its term");
    }

    [Fact]
    public void No_parameter_noise_makes_the_sum_undefined_for_good()
    {
        var sum = new PensiaSum(dimension: 10, sampleCount: 2);
        sum.AddStep(0.1, 0.1, 1.0, [0]);
        sum.AddStep(0.1, 0.0, 1.0, [1]);
        sum.AddStep(0.1, 0.1, 1.0, [0]); // noise returning later does not repair an infinite channel term
        Assert.False(sum.IsDefined);
        Assert.Null(sum.Total);
        Assert.Equal("no parameter noise was injected (sgld_noise = 0)", sum.UndefinedReason);
        Assert.Equal(3, sum.Steps);
        Assert.Throws<InvalidOperationException>(() => sum.PerSample.ToArray());
    }

    [Theory]
    [InlineData(0.0, "no gradient clip was enforced (clip = 0)")]
    [InlineData(-1.0, "no gradient clip was enforced (clip = 0)")]
    [InlineData(double.PositiveInfinity, "no gradient clip was enforced (clip is infinite)")]
    public void No_clip_makes_the_sum_undefined(double clip, string reason)
    {
        var sum = new PensiaSum(dimension: 10, sampleCount: 2);
        sum.AddStep(0.1, 0.1, clip, [0, 1]);
        Assert.Null(sum.Total);
        Assert.Equal(reason, sum.UndefinedReason);
    }

    [Fact]
    public void The_first_reason_is_kept()
    {
        var sum = new PensiaSum(dimension: 10, sampleCount: 1);
        sum.AddStep(0.1, 0.0, 0.0, [0]);
        Assert.Equal(PensiaSum.NoNoiseReason, sum.UndefinedReason);
    }

    [Fact]
    public void No_steps_is_zero_information_not_undefined()
    {
        var sum = new PensiaSum(dimension: 10, sampleCount: 2);
        Assert.Equal(0.0, sum.Total);
        Assert.Equal([0.0, 0.0], sum.PerSample.ToArray());
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PensiaSum(0, 1));
        var sum = new PensiaSum(4, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => sum.AddStep(0.1, 0.1, 1, [2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sum.AddStep(double.NaN, 0.1, 1, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sum.AddStep(0.1, double.NaN, 1, [0]));
    }
}
