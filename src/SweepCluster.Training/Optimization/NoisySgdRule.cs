using SweepCluster.Training.Model;
using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Plain SGD on a pack's trained parameters, held as one [S, P] tensor, with Gaussian noise
/// N(0, sigma_t^2) added to every coordinate of member s's update when its sigma_t &gt; 0 (noisy SGD / SGLD):
/// w &lt;- w - alpha_t g + sigma_t xi. This is the update the Pensia sum assumes. A member draws its whole update's noise
/// as one block from its own generator. The step is a product then a subtraction, each rounded once, so an element's
/// result does not depend on where it sits in the packed tensor (a fused add would round vectorized and tail elements
/// differently).</summary>
internal sealed class NoisySgdRule(Tensor values, IReadOnlyList<Generator> noise) : IUpdateRule
{
    // The last step's noise levels on the device, kept while they stay the same (a constant sgld_noise): no host tensor per step.
    private double[] _sigmas = [];
    private Tensor? _sigmaTensor;

    public void Step(double alpha, double[] sigmas, Tensor gradients)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using (Scalar step = alpha.ToScalar())
            values.sub_(gradients.mul(step));
        if (!sigmas.Any(s => s > 0)) return;
        if (!sigmas.SequenceEqual(_sigmas))
        {
            _sigmaTensor?.Dispose();
            (_sigmas, _sigmaTensor) = (sigmas, MemberDraws.PerMember(sigmas, 1, values.device).DetachFromDisposeScope());
        }
        values.PlusInPlace(MemberDraws.Normal(noise, sigmas.Select(s => s > 0).ToArray(), [values.shape[1]], values.device).mul_(_sigmaTensor!));
    }

    // Stateless: the update noise comes from the members' generators, which their checkpoints save themselves.
    public void Save(BinaryWriter writer) { }

    public void Load(BinaryReader reader) { }

    public void Dispose() => _sigmaTensor?.Dispose();
}
