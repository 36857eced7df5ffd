using SweepCluster.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>0-1 error and clipped cross-entropy of the randomized predictor: every example is evaluated under
/// several fresh draws of the activation noise and the results averaged, so train and test errors refer to the
/// same randomized network.</summary>
internal static class ErrorMeasurement
{
    private const int ChunkRows = 4096;

    public static (double Error, double Loss) Measure(NoisyMlp model, Tensor features, Tensor labels, int draws, double lossClip)
    {
        model.eval();
        using var noGrad = no_grad();
        using Scalar cap = lossClip.ToScalar();
        long n = labels.shape[0];
        double errors = 0, losses = 0;
        for (int draw = 0; draw < draws; draw++)
        {
            for (long start = 0; start < n; start += ChunkRows)
            {
                using var scope = NewDisposeScope();
                long length = Math.Min(ChunkRows, n - start);
                Tensor x = features.narrow(0, start, length), y = labels.narrow(0, start, length);
                Tensor logits = model.forward(x);
                errors += logits.argmax(1).ne(y).sum().item<long>();
                Tensor perExample = nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.None);
                losses += perExample.clamp_max(cap).to(float64).sum().item<double>();
            }
        }
        return (errors / (draws * (double)n), losses / (draws * (double)n));
    }
}
