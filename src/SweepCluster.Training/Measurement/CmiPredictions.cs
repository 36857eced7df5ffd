using SweepCluster.Core.Trials;
using SweepCluster.Training.Data;
using SweepCluster.Training.Model;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>The trained network's predicted class on every example of its CMI supersample, under one draw of its
/// activation noise; the selection's train and twin errors are read off the same predictions, so b_fcmi and the gap
/// it bounds come from one experiment.</summary>
internal static class CmiPredictions
{
    public static CmiOutcome Measure(NoisyMlp model, CmiSupersample supersample, int dimension, Device device)
    {
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor x = tensor(supersample.Features, [supersample.Features.Length / dimension, dimension], device: device);
        long[] predicted = HostCopy.ToArray<long>(model.forward(x).argmax(1));
        return supersample.Outcome(predicted);
    }
}
