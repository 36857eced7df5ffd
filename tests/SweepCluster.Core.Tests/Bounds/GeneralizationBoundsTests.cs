using SweepCluster.Core.Bounds;

namespace SweepCluster.Core.Tests.Bounds;

public sealed class GeneralizationBoundsTests
{
    [Fact]
    public void XuRaginsky_is_sqrt_of_2_sigma_squared_I_over_n()
    {
        // sigma = 0.5, I = 2, n = 100: sqrt(2 * 0.25 * 2 / 100) = sqrt(0.01) = 0.1
        var bound = GeneralizationBounds.XuRaginsky(0.5, 2.0, 100, lossRange: 1.0, certified: true);
        Assert.Equal(0.1, bound.Value!.Value, 15);
        Assert.False(bound.Vacuous);
        Assert.True(bound.Certified);
        Assert.Null(bound.Reason);
        Assert.False(GeneralizationBounds.XuRaginsky(0.5, 2.0, 100, 1.0, certified: false).Certified);
    }

    [Fact]
    public void A_bound_above_the_loss_range_is_vacuous()
    {
        // sigma = 0.5, I = 300, n = 100: sqrt(0.5 * 300 / 100) = sqrt(1.5) = 1.2247 > 1
        var vacuous = GeneralizationBounds.XuRaginsky(0.5, 300, 100, lossRange: 1.0, certified: true);
        Assert.Equal(Math.Sqrt(1.5), vacuous.Value!.Value, 14);
        Assert.True(vacuous.Vacuous);
        // The same value says something about a loss in [0, 2].
        Assert.False(GeneralizationBounds.XuRaginsky(0.5, 300, 100, lossRange: 2.0, certified: true).Vacuous);
        // I = 200: exactly sqrt(1) = 1 = b - a, which is not above the range.
        Assert.False(GeneralizationBounds.XuRaginsky(0.5, 200, 100, lossRange: 1.0, certified: true).Vacuous);
    }

    [Fact]
    public void Paper_multiplies_by_the_square_root_of_the_product_of_etas_and_is_never_certified()
    {
        // prod eta = 0.5 * 0.5 = 0.25, sqrt = 0.5; 0.5 * 0.1 = 0.05
        var bound = GeneralizationBounds.Paper([0.5, 0.5], 0.5, 2.0, 100, lossRange: 1.0);
        Assert.Equal(0.05, bound.Value!.Value, 15);
        Assert.False(bound.Certified);
        Assert.False(bound.Vacuous);
        // prod = 0.954 * 0.683 * 0.383 = 0.249552..., sqrt = 0.499552; times 0.1
        var three = GeneralizationBounds.Paper([0.954, 0.683, 0.383], 0.5, 2.0, 100, 1.0);
        Assert.Equal(Math.Sqrt(0.954 * 0.683 * 0.383) * 0.1, three.Value!.Value, 15);
    }

    [Fact]
    public void Paper_with_no_contraction_equals_XuRaginsky_and_shrinks_with_each_lossy_layer()
    {
        double xr = GeneralizationBounds.XuRaginsky(0.5, 7.3, 250, 1.0, certified: false).Value!.Value;
        Assert.Equal(xr, GeneralizationBounds.Paper([], 0.5, 7.3, 250, 1.0).Value!.Value, 15);
        Assert.Equal(xr, GeneralizationBounds.Paper([1.0, 1.0, 1.0], 0.5, 7.3, 250, 1.0).Value!.Value, 15);
        // Depth L with eta = 0.683 per layer: eta^(L/2) xr, strictly decreasing in L.
        double previous = xr;
        for (int depth = 1; depth <= 6; depth++)
        {
            double value = GeneralizationBounds.Paper(Enumerable.Repeat(0.683, depth).ToArray(), 0.5, 7.3, 250, 1.0).Value!.Value;
            Assert.Equal(Math.Pow(0.683, depth / 2.0) * xr, value, 14);
            Assert.True(value < previous);
            previous = value;
        }
    }

    [Fact]
    public void Ismi_averages_per_sample_square_roots()
    {
        // sigma = 0.5: sqrt(2 * 0.25 * I_i) = sqrt(I_i / 2); I = 0, 2, 8, 18 -> 0, 1, 2, 3; mean 1.5
        var bound = GeneralizationBounds.Ismi(0.5, [0, 2, 8, 18], 4, lossRange: 1.0, certified: true);
        Assert.Equal(1.5, bound.Value!.Value, 15);
        Assert.True(bound.Vacuous);
        Assert.True(bound.Certified);
        Assert.False(GeneralizationBounds.Ismi(0.5, [0, 2, 8, 18], 4, lossRange: 2.0, certified: true).Vacuous);
    }

    [Fact]
    public void Ismi_is_at_most_XuRaginsky_of_the_summed_information_with_equality_for_equal_terms()
    {
        // Jensen (sqrt is concave): (1/n) sum sqrt(2 s^2 I_i) <= sqrt(2 s^2 (1/n) sum I_i) = XR(I = sum I_i, n).
        // Unequal: Ismi([0, 2, 8, 18]) = 1.5 < XR(28, 4) = sqrt(0.5 * 28 / 4) = sqrt(3.5) = 1.8708
        double unequal = GeneralizationBounds.Ismi(0.5, [0, 2, 8, 18], 4, 10, true).Value!.Value;
        double xrUnequal = GeneralizationBounds.XuRaginsky(0.5, 28, 4, 10, true).Value!.Value;
        Assert.Equal(Math.Sqrt(3.5), xrUnequal, 15);
        Assert.True(unequal < xrUnequal);
        // Equal: Ismi([2, 2, 2, 2]) = 1 = XR(8, 4) = sqrt(0.5 * 8 / 4)
        double equal = GeneralizationBounds.Ismi(0.5, [2, 2, 2, 2], 4, 10, true).Value!.Value;
        Assert.Equal(1.0, equal, 15);
        Assert.Equal(equal, GeneralizationBounds.XuRaginsky(0.5, 8, 4, 10, true).Value!.Value, 15);
    }

    [Fact]
    public void Full_batch_training_charges_each_sample_the_step_at_a_b_th_of_its_sensitivity()
    {
        // Every sample in every batch of size b = n: I_i = sum_t (d/2) log1p((alpha_t K / (b sigma))^2 / d), equal for all i.
        const int n = 4, d = 3;
        var sum = new PensiaSum(dimension: d, sampleCount: n);
        double perSample = 0;
        for (int t = 0; t < 5; t++)
        {
            double alpha = 0.05 * (t + 1);
            sum.AddStep(alpha, 0.2, 1.0, [0, 1, 2, 3]);
            double x = alpha * 1.0 / (n * 0.2);
            perSample += d / 2.0 * Math.Log(1 + x * x / d);
        }
        double ismi = GeneralizationBounds.Ismi(0.5, sum.PerSample.ToArray(), n, 100, true).Value!.Value;
        Assert.Equal(Math.Sqrt(2 * 0.25 * perSample), ismi, 13);
        double xr = GeneralizationBounds.XuRaginsky(0.5, sum.Total, n, 100, true).Value!.Value;
        Assert.True(ismi < Math.Sqrt(n) * xr, "each sample is charged less than the whole step");
    }

    [Fact]
    public void Contracted_multiplies_by_the_square_root_of_the_factor_and_is_never_certified()
    {
        var bound = GeneralizationBounds.Contracted(0.25, 0.5, 8.0, 4, 1.0);
        Assert.Equal(0.5 * Math.Sqrt(2 * 0.25 * 8.0 / 4), bound.Value!.Value, 15);
        Assert.False(bound.Certified);
        Assert.False(bound.Vacuous);
        Assert.Equal("why", GeneralizationBounds.Contracted(0.5, 0.5, 1.0, 4, 1.0, "why").Reason);
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneralizationBounds.Contracted(1.5, 0.5, 1.0, 4, 1.0));
    }

    [Fact]
    public void Undefined_information_gives_an_undefined_bound_with_its_reason()
    {
        const string reason = "no parameter noise was injected (sgld_noise = 0)";
        foreach (var bound in new[]
        {
            GeneralizationBounds.XuRaginsky(0.5, null, 100, 1.0, true, reason),
            GeneralizationBounds.XuRaginsky(0.5, 3.0, 100, 1.0, true, reason),
            GeneralizationBounds.Paper([0.5], 0.5, null, 100, 1.0, reason),
            GeneralizationBounds.Ismi(0.5, null, 100, 1.0, true, reason),
        })
        {
            Assert.Null(bound.Value);
            Assert.Null(bound.Vacuous);
            Assert.Equal(reason, bound.Reason);
        }
        var noReason = GeneralizationBounds.XuRaginsky(0.5, null, 100, 1.0, true);
        Assert.Null(noReason.Value);
        Assert.Equal("the information sum is undefined", noReason.Reason);
    }

    [Fact]
    public void Impossible_inputs_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneralizationBounds.XuRaginsky(0.5, -1, 100, 1, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneralizationBounds.XuRaginsky(0.5, 1, 0, 1, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneralizationBounds.Paper([1.2], 0.5, 1, 10, 1));
        Assert.Throws<ArgumentException>(() => GeneralizationBounds.Ismi(0.5, [1, 2], 3, 1, true));
    }

    [Fact]
    public void Loss_sigma_is_half_the_loss_range()
    {
        Assert.Equal(0.5, LossSigma.ZeroOne);
        Assert.Equal(2.0, LossSigma.ForRange(-1, 3));
        Assert.Throws<ArgumentException>(() => LossSigma.ForRange(0, double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => LossSigma.ForRange(1, 0));
    }
}
