using MathNet.Numerics;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Bounds;

/// <summary>Analytic strong-data-processing coefficients eta_l of one hidden layer (docs/SCIENCE.md section 2): how much
/// of the information entering a layer can leave it. 1 means no contraction is guaranteed.</summary>
public static class ContractionCoefficient
{
    /// <summary>A tanh layer of width w followed by N(0, s^2 I): eta &lt;= 1 - 2 Q(sqrt(w) / s), Q the standard normal tail.</summary>
    /// <remarks>
    /// A Dobrushin (total variation) bound: outputs lie in [-1, 1]^w, so two inputs' pre-noise means are at most
    /// 2 sqrt(w) apart, and the TV distance of two such Gaussians is 1 - 2 Q(distance / (2 s)). s = 0 is a
    /// deterministic layer: no contraction. 1 - 2 Q(x) is computed as erf(x / sqrt 2), which it equals, so values
    /// near 1 keep their digits.
    /// </remarks>
    public static double TanhGaussian(int width, double noiseStd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (!(noiseStd >= 0)) throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "The noise std must be >= 0.");
        if (noiseStd == 0) return 1.0;
        double x = Math.Sqrt(width) / noiseStd;
        return SpecialFunctions.Erf(x / Math.Sqrt(2.0));
    }

    /// <summary>Dropout with drop probability p on the w_in inputs of a layer: eta &lt;= 1 - p^(w_in), the chance that
    /// at least one input survives (when all are dropped the output is independent of the input).</summary>
    public static double Dropout(double p, int inputWidth)
    {
        ValidateProbability(p);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        return 1.0 - Math.Pow(p, inputWidth);
    }

    /// <summary>DropConnect with drop probability p on each of the w_in * w_out weights: eta &lt;= 1 - p^(w_in w_out).</summary>
    public static double DropConnect(double p, int inputWidth, int outputWidth)
    {
        ValidateProbability(p);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputWidth);
        return 1.0 - Math.Pow(p, (double)inputWidth * outputWidth);
    }

    /// <summary>The coefficient of one hidden layer: activation noise (tanh only) times dropout (when p &gt; 0).</summary>
    /// <param name="activation">ReLU is unbounded, so noise of any size guarantees no contraction.</param>
    /// <remarks>The two channels are composed (dropout on the layer's input, then the noisy activation), and
    /// SDPI coefficients of composed channels multiply.</remarks>
    public static double ForLayer(ActivationKind activation, int width, int inputWidth, double noiseStd, double dropout)
    {
        double fromNoise = activation switch
        {
            ActivationKind.Tanh => TanhGaussian(width, noiseStd),
            ActivationKind.Relu => 1.0,
            _ => throw new ArgumentException($"Unknown activation '{activation}'; expected tanh or relu.", nameof(activation)),
        };
        double fromDropout = dropout > 0 ? Dropout(dropout, inputWidth) : 1.0;
        return fromNoise * fromDropout;
    }

    /// <summary>The coefficient of hidden layer l (1-based) of the reference MLP, in training, where dropout acts.</summary>
    /// <remarks>
    /// NoisyMlp drops hidden-unit outputs after their activation noise, in training only. Dropout after layer l - 1 is
    /// therefore part of the channel T_(l-1) -> T_l, with w_in = the width of T_(l-1): layers 2..L carry it; layer 1's
    /// input X is never dropped, so layer 1 is charged the activation noise alone. (The dropout after layer L feeds the
    /// output layer, outside the hidden chain X -> T_1 -> ... -> T_L.) The coefficient describes the training-time
    /// network that the SGLD sum is about; the measured I(X;T_l) is taken in evaluation, without dropout.
    /// </remarks>
    public static double ForHiddenLayer(ActivationKind activation, int layer, int width, double noiseStd, double dropout)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layer);
        return ForLayer(activation, width, inputWidth: width, noiseStd, layer == 1 ? 0.0 : dropout);
    }

    private static void ValidateProbability(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "A drop probability lies in [0, 1].");
    }
}
