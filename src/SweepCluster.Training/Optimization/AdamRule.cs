using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Adam with the schedule's step size; no injected noise (the spec refuses sgld_noise with adam). Adam trials
/// never share a pack (<see cref="Core.Grid.TrialPacking"/>), so its state is one member's.</summary>
internal sealed class AdamRule(IReadOnlyList<Parameter> parameters, double learningRate) : IUpdateRule
{
    private readonly Adam _adam = optim.Adam(parameters, learningRate);

    public void Step(double alpha, double[] sigmas)
    {
        foreach (var group in _adam.ParamGroups) group.LearningRate = alpha;
        _adam.step();
    }

    public void Save(BinaryWriter writer) => _adam.save_state_dict(writer);

    public void Load(BinaryReader reader) => _adam.load_state_dict(reader);

    public void Dispose() => _adam.Dispose();
}
