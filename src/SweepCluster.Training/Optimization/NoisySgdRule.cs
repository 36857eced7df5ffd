using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Plain SGD, with Gaussian noise N(0, sigma_t^2) added to every coordinate of every update when
/// sigma_t &gt; 0 (noisy SGD / SGLD): w &lt;- w - alpha_t g + sigma_t xi. This is the update the Pensia sum assumes.</summary>
internal sealed class NoisySgdRule(IReadOnlyList<Parameter> parameters, Generator noise) : IUpdateRule
{
    public void Step(double alpha, double sigma)
    {
        using var noGrad = no_grad();
        foreach (var p in parameters)
        {
            if (p.grad is not { } grad) continue;
            p.add_(grad, alpha: -alpha);
            if (sigma > 0)
            {
                using Tensor xi = randn(p.shape, p.dtype, p.device, generator: noise);
                p.add_(xi, alpha: sigma);
            }
        }
    }

    // Stateless: the update noise comes from the trial's generator, which the checkpoint saves itself.
    public void Save(BinaryWriter writer) { }

    public void Load(BinaryReader reader) { }

    public void Dispose() { }
}
