using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Applies one parameter update to a pack's parameters from the step's gradients, already clipped, laid out
/// as <see cref="Model.PackedMlp.Flat"/>; <c>sigmas</c> holds each member's update-noise level for this step.</summary>
internal interface IUpdateRule : IDisposable
{
    void Step(double alpha, double[] sigmas, Tensor gradients);

    /// <summary>Writes the rule's own state (e.g. Adam's moments) for a checkpoint; nothing for a stateless rule.</summary>
    void Save(BinaryWriter writer);

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    void Load(BinaryReader reader);
}
