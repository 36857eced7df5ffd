using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Clips each pack member's gradient to total norm K, with a norm that is bit-identical for any number of
/// threads and any pack size, computed on the parameters' device with no host read.</summary>
/// <remarks>torch's clip_grad_norm_ reduces each gradient to one number; above 32,768 elements libtorch splits such a
/// reduction over its threads, so the norm, and every step after it, changed with the thread count. Here each member's
/// gradients are laid end to end in float64 and summed as rows of 1,024 (zero-padded), then the row sums the same way,
/// until one value per member is left: libtorch gives each output of a reduction to one thread, so every sum has a
/// fixed order.</remarks>
internal static class GradientClipping
{
    private const int RowLength = 1024;

    /// <summary>Scales member s's gradients (the slices [s] of every parameter) by min(1, K / (||g_s|| + 1e-6)), as
    /// clip_grad_norm_ does for one network; returns the norms ||g_s|| (float64 [S] on the gradients' device).</summary>
    public static Tensor ClipMemberNorms(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        using var noGrad = no_grad();
        var gradients = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        long members = parameters[0].shape[0];
        if (gradients.Count == 0) return zeros([members], float64);
        using var scope = NewDisposeScope();
        Tensor sum = cat(gradients.Select(g => g.reshape(members, -1)).ToList(), 1).to(float64).square();
        while (sum.shape[1] > 1)
        {
            long padding = (RowLength - sum.shape[1] % RowLength) % RowLength;
            if (padding > 0) sum = nn.functional.pad(sum, [0, padding]);
            sum = sum.view(members, -1, RowLength).sum(2);
        }
        Tensor norms = sum.sqrt().view(members);
        // A coefficient of exactly 1 leaves a gradient's bits as they are, as skipping the multiplication would.
        Tensor coefficients = (maxNorm / (norms + 1e-6)).clamp_max(1.0).to(gradients[0].dtype);
        // One view per rank (a pack's parameters are all [S, a, b]), not one per gradient: each is a torch call.
        var perRank = new Dictionary<long, Tensor>();
        foreach (var gradient in gradients)
        {
            long rank = gradient.dim();
            if (!perRank.TryGetValue(rank, out var view)) perRank[rank] = view = coefficients.view([members, .. Enumerable.Repeat(1L, (int)rank - 1)]);
            gradient.mul_(view);
        }
        return norms.MoveToOuterDisposeScope();
    }
}
