using MathNet.Numerics.Distributions;
using SweepCluster.Core.Bounds;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Bounds;

public sealed class ContractionCoefficientTests
{
    /// <summary>The table of docs/SCIENCE.md section 2 (widths 1, 4, 16 and 64), row by row.</summary>
    [Theory]
    [InlineData(1, 0.1, 1.0)] [InlineData(1, 0.5, 0.954)] [InlineData(1, 1.0, 0.683)] [InlineData(1, 2.0, 0.383)] [InlineData(1, 4.0, 0.197)]
    [InlineData(4, 0.1, 1.0)] [InlineData(4, 0.5, 1.0)] [InlineData(4, 1.0, 0.954)] [InlineData(4, 2.0, 0.683)] [InlineData(4, 4.0, 0.383)]
    [InlineData(16, 0.1, 1.0)] [InlineData(16, 0.5, 1.0)] [InlineData(16, 1.0, 1.0)] [InlineData(16, 2.0, 0.954)] [InlineData(16, 4.0, 0.683)]
    [InlineData(64, 0.1, 1.0)] [InlineData(64, 0.5, 1.0)] [InlineData(64, 1.0, 1.0)] [InlineData(64, 2.0, 1.0)] [InlineData(64, 4.0, 0.954)]
    public void Tanh_coefficient_matches_the_science_table_to_3_decimals(int width, double noise, double expected)
    {
        Assert.Equal(expected, ContractionCoefficient.TanhGaussian(width, noise), 3);
    }

    [Theory]
    [InlineData(1, 1.0)]   // x = 1: 1 - 2 * 0.158655 = 0.682689
    [InlineData(4, 4.0)]   // x = 0.5: 1 - 2 * 0.308538 = 0.382925
    [InlineData(9, 1.5)]   // x = 2: 1 - 2 * 0.022750 = 0.954500
    [InlineData(2, 0.3)]
    public void Tanh_coefficient_is_one_minus_twice_the_normal_tail(int width, double noise)
    {
        double q = 1 - Normal.CDF(0, 1, Math.Sqrt(width) / noise);
        Assert.Equal(1 - 2 * q, ContractionCoefficient.TanhGaussian(width, noise), 12);
    }

    [Fact]
    public void Tanh_without_noise_does_not_contract_and_more_noise_or_narrower_layers_contract_more()
    {
        Assert.Equal(1.0, ContractionCoefficient.TanhGaussian(4, 0.0));
        Assert.True(ContractionCoefficient.TanhGaussian(4, 2.0) < ContractionCoefficient.TanhGaussian(4, 1.0));
        Assert.True(ContractionCoefficient.TanhGaussian(4, 2.0) < ContractionCoefficient.TanhGaussian(16, 2.0));
    }

    [Fact]
    public void Dropout_and_DropConnect_follow_one_minus_p_to_the_number_of_dropped_units()
    {
        Assert.Equal(0.9375, ContractionCoefficient.Dropout(0.5, 4), 15);              // 1 - 0.5^4 = 1 - 1/16
        Assert.Equal(1.0, ContractionCoefficient.Dropout(0.0, 4));                     // nothing dropped
        Assert.Equal(0.0, ContractionCoefficient.Dropout(1.0, 4));                     // everything dropped
        Assert.Equal(0.9375, ContractionCoefficient.DropConnect(0.5, 2, 2), 15);       // 1 - 0.5^(2*2)
        Assert.Equal(0.468559, ContractionCoefficient.DropConnect(0.9, 2, 3), 12);     // 1 - 0.9^6 = 1 - 0.531441
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractionCoefficient.Dropout(1.5, 4));
    }

    [Fact]
    public void A_layer_multiplies_its_noise_and_dropout_coefficients()
    {
        // tanh, w = 1, s = 1: 0.682689; dropout 0.5 on 3 inputs: 1 - 1/8 = 0.875; product 0.597353
        Assert.Equal(0.6826894921 * 0.875, ContractionCoefficient.ForLayer(ActivationKind.Tanh, 1, 3, 1.0, 0.5), 9);
        Assert.Equal(0.6826894921, ContractionCoefficient.ForLayer(ActivationKind.Tanh, 1, 3, 1.0, 0.0), 9);
        Assert.Equal(1.0, ContractionCoefficient.ForLayer(ActivationKind.Tanh, 8, 8, 0.0, 0.0));
        // ReLU is unbounded: noise guarantees nothing, dropout still does (1 - 0.5^2 = 0.75).
        Assert.Equal(1.0, ContractionCoefficient.ForLayer(ActivationKind.Relu, 1, 3, 4.0, 0.0));
        Assert.Equal(0.75, ContractionCoefficient.ForLayer(ActivationKind.Relu, 1, 2, 4.0, 0.5), 15);
        Assert.Throws<ArgumentException>(() => ContractionCoefficient.ForLayer((ActivationKind)99, 1, 1, 1.0, 0.0));
    }

    [Fact]
    public void Dropout_is_charged_to_the_layers_whose_input_is_dropped_and_not_to_layer_one()
    {
        // NoisyMlp drops the outputs of hidden layers: the input of layer 1 (X) is never dropped, layers 2..L's are.
        // tanh, w = 4, s = 1: 0.954500; dropout 0.5 on 4 inputs: 1 - 1/16 = 0.9375.
        double noise = ContractionCoefficient.TanhGaussian(4, 1.0);
        Assert.Equal(noise, ContractionCoefficient.ForHiddenLayer(ActivationKind.Tanh, 1, 4, 1.0, 0.5), 15);
        Assert.Equal(noise * 0.9375, ContractionCoefficient.ForHiddenLayer(ActivationKind.Tanh, 2, 4, 1.0, 0.5), 15);
        Assert.Equal(noise * 0.9375, ContractionCoefficient.ForHiddenLayer(ActivationKind.Tanh, 5, 4, 1.0, 0.5), 15);
        Assert.Equal(noise, ContractionCoefficient.ForHiddenLayer(ActivationKind.Tanh, 3, 4, 1.0, 0.0), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractionCoefficient.ForHiddenLayer(ActivationKind.Tanh, 0, 4, 1.0, 0.5));
    }
}
