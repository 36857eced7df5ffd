using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Clips the gradient of a set of parameters to total norm K, with a norm that is bit-identical for any number
/// of threads and computed on the parameters' device, with no host read.</summary>
/// <remarks>torch's clip_grad_norm_ reduces each gradient to one number; above 32,768 elements libtorch splits such a
/// reduction over its threads, so the norm, and every step after it, changed with the thread count. Here the gradients
/// are laid end to end in float64 and summed as rows of 1,024 (zero-padded), then the row sums the same way, until one
/// value is left: libtorch gives each output of a reduction to one thread, so every sum has a fixed order.</remarks>
internal static class GradientClipping
{
    private const int RowLength = 1024;

    /// <summary>Scales every gradient by min(1, K / (||g|| + 1e-6)), as clip_grad_norm_ does; returns ||g|| (a float64
    /// scalar tensor on the gradients' device).</summary>
    public static Tensor ClipTotalNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        using var noGrad = no_grad();
        var gradients = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        if (gradients.Count == 0) return zeros([], float64);
        using var scope = NewDisposeScope();
        Tensor sum = cat(gradients.Select(g => g.flatten()).ToList()).to(float64).square();
        while (sum.numel() > 1)
        {
            long padding = (RowLength - sum.numel() % RowLength) % RowLength;
            if (padding > 0) sum = nn.functional.pad(sum, [0, padding]);
            sum = sum.view(-1, RowLength).sum(1);
        }
        Tensor norm = sum.sqrt().view([]);
        // A coefficient of exactly 1 leaves a gradient's bits as they are, as skipping the multiplication would.
        Tensor coefficient = full([], maxNorm, float64, norm.device).div(norm + 1e-6).clamp_max(1.0);
        foreach (var gradient in gradients) gradient.mul_(coefficient);
        return norm.MoveToOuterDisposeScope();
    }
}
