using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>0-1 error and clipped cross-entropy of the randomized predictor, for every member of a pack at once: every
/// example is evaluated under several fresh draws of the noise and the results averaged, so train and test errors
/// refer to the same randomized network. The counts stay on the device until the end: one read per call.</summary>
internal static class ErrorMeasurement
{
    /// <summary>Rows of one member per pass.</summary>
    private const int ChunkRows = 4096;

    /// <param name="features">[S, n, d], member s's examples in row s.</param>
    /// <param name="labels">[S, n].</param>
    public static (double Error, double Loss)[] Measure(PackedNetwork network, Tensor features, Tensor labels, int draws, double lossClip)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using Scalar cap = lossClip.ToScalar();
        long members = labels.shape[0], n = labels.shape[1];
        Tensor errors = zeros(members, int64, labels.device), losses = zeros(members, float64, labels.device);
        for (int draw = 0; draw < draws; draw++)
        {
            for (long start = 0; start < n; start += ChunkRows)
            {
                using var chunk = NewDisposeScope();
                long length = Math.Min(ChunkRows, n - start);
                Tensor x = features.narrow(1, start, length), y = labels.narrow(1, start, length);
                Tensor logits = network.Logits(x);
                errors.PlusInPlace(logits.argmax(2).ne(y).sum([1]));
                Tensor perExample = nn.functional.cross_entropy(logits.reshape(members * length, -1), y.reshape(-1), reduction: nn.Reduction.None);
                losses.PlusInPlace(perExample.clamp_max(cap).to(float64).view(members, length).sum([1]));
            }
        }
        long[] errorCounts = HostCopy.ToArray<long>(errors);
        double[] lossSums = HostCopy.ToArray<double>(losses);
        double examples = draws * (double)n;
        return Enumerable.Range(0, (int)members).Select(s => (errorCounts[s] / examples, lossSums[s] / examples)).ToArray();
    }
}
