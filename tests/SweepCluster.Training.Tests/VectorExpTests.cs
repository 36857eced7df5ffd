using System.Runtime.Intrinsics;
using SweepCluster.Training.Measurement;

namespace SweepCluster.Training.Tests;

/// <summary>The fused kernels' vector exps against Math.Exp over the ranges they take.</summary>
public sealed class VectorExpTests
{
    [Fact]
    public void The_exp_is_within_two_float_ulps_of_math_exp_on_minus_80_to_0()
    {
        double worst = 0;
        for (int k = 0; k <= 800_000; k++)
        {
            float x = -80f * k / 800_000;
            double relative = Math.Abs(VectorExp.OfFloat(Vector256.Create(x)).ToScalar() / Math.Exp(x) - 1);
            worst = Math.Max(worst, relative);
        }
        Assert.True(worst <= 2.4e-7, $"worst relative error {worst:E3}"); // 2 ulps of float32: 2 * 2^-23 = 2.4e-7
    }

    [Fact]
    public void The_double_exp_is_within_two_double_ulps_of_math_exp_on_minus_708_to_0()
    {
        double worst = 0;
        for (int k = 0; k <= 2_000_000; k++)
        {
            double x = -708.0 * k / 2_000_000;
            worst = Math.Max(worst, Math.Abs(VectorExp.OfDouble(Vector256.Create(x)).ToScalar() / Math.Exp(x) - 1));
        }
        Assert.True(worst <= 4.5e-16, $"worst relative error {worst:E3}"); // 2 ulps of float64: 2 * 2^-52 = 4.4e-16
        Assert.Equal(Math.Exp(VectorExp.DoubleFloor), VectorExp.OfDouble(Vector256.Create(-1e6)).ToScalar(), 1e-320);
    }
}
