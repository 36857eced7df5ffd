using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Adam with the schedule's step size; no injected noise (the spec refuses sgld_noise with adam). Adam trials
/// never share a pack (<see cref="Core.Grid.TrialPacking"/>), so its state is one member's. torch's optimizer reads each
/// parameter's .grad, so the step's flat gradients are handed to it as views, one per parameter.</summary>
internal sealed class AdamRule(IReadOnlyList<Parameter> parameters, double learningRate) : IUpdateRule
{
    private readonly Adam _adam = optim.Adam(parameters, learningRate);

    public void Step(double alpha, double[] sigmas, Tensor gradients)
    {
        long offset = 0;
        foreach (var p in parameters)
        {
            long length = p.numel() / p.shape[0];
            p.grad = gradients.narrow(1, offset, length).view(p.shape);
            offset += length;
        }
        foreach (var group in _adam.ParamGroups) group.LearningRate = alpha;
        _adam.step();
    }

    public void Save(BinaryWriter writer) => _adam.save_state_dict(writer);

    public void Load(BinaryReader reader) => _adam.load_state_dict(reader);

    public void Dispose() => _adam.Dispose();
}
