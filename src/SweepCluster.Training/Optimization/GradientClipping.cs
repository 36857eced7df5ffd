using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Clips each pack member's gradient to total norm K, with a norm that is bit-identical for any number of
/// threads and any pack size, computed on the gradients' device with no host read.</summary>
/// <remarks>torch's clip_grad_norm_ reduces each gradient to one number; above 32,768 elements libtorch splits such a
/// reduction over its threads, so the norm, and every step after it, changed with the thread count. Here each member's
/// gradient row is taken in float64 and summed as rows of 1,024 (zero-padded), then the row sums the same way, until
/// at most 1,024 are left per member, summed last: libtorch gives each output of a reduction to one thread, so every
/// sum has a fixed order.</remarks>
internal static class GradientClipping
{
    private const int RowLength = 1024;

    /// <summary>Scales row s of <paramref name="gradients"/> ([S, P]: member s's whole gradient) by
    /// min(1, K / (||g_s|| + 1e-6)), as clip_grad_norm_ does for one network; returns the norms ||g_s|| (float64 [S, 1] on the
    /// gradients' device).</summary>
    public static Tensor ClipMemberNorms(Tensor gradients, double maxNorm)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long members = gradients.shape[0];
        Tensor sum = gradients.to(float64).Squared();
        while (sum.shape[1] > RowLength)
        {
            long padding = (RowLength - sum.shape[1] % RowLength) % RowLength;
            if (padding > 0) sum = nn.functional.pad(sum, [0, padding]);
            sum = sum.view(members, -1, RowLength).sum(2);
        }
        // At most one row of 1,024 left per member: one reduction, unpadded (most nets end here in one call).
        Tensor norms = sum.sum(1, keepdim: true).sqrt_();
        // A coefficient of exactly 1 leaves a gradient's bits as they are, as skipping the multiplication would.
        using Scalar k = maxNorm.ToScalar();
        gradients.mul_((k / norms.Plus(Scalars.NormGuard)).clamp_max_(Scalars.UnitCap).to(gradients.dtype));
        return norms.MoveToOuterDisposeScope();
    }
}
