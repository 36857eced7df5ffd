using SweepCluster.Training.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Plain SGD on a pack's parameters, with Gaussian noise N(0, sigma_t^2) added to every coordinate of member
/// s's update when its sigma_t &gt; 0 (noisy SGD / SGLD): w &lt;- w - alpha_t g + sigma_t xi. This is the update the
/// Pensia sum assumes. A member draws its whole update's noise as one block, laid over its parameters in order. The
/// step is a product then a subtraction, each rounded once, so an element's result does not depend on where it sits in
/// the packed tensor (a fused add would round vectorized and tail elements differently).</summary>
internal sealed class NoisySgdRule(IReadOnlyList<Parameter> parameters, IReadOnlyList<Generator> noise) : IUpdateRule
{
    private readonly long _perMember = parameters.Sum(p => p.numel() / p.shape[0]);

    public void Step(double alpha, double[] sigmas)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var p in parameters)
            if (p.grad is { } grad) p.sub_(grad.mul(alpha));
        if (!sigmas.Any(s => s > 0)) return;
        Device device = parameters[0].device;
        Tensor block = MemberDraws.Normal(noise, sigmas.Select(s => s > 0).ToArray(), [_perMember], device)
            .mul_(MemberDraws.PerMember(sigmas, 1, device));
        long offset = 0;
        foreach (var p in parameters)
        {
            long length = p.numel() / p.shape[0];
            if (p.grad is not null) p.add_(block.narrow(1, offset, length).reshape(p.shape));
            offset += length;
        }
    }

    // Stateless: the update noise comes from the members' generators, which their checkpoints save themselves.
    public void Save(BinaryWriter writer) { }

    public void Load(BinaryReader reader) { }

    public void Dispose() { }
}
