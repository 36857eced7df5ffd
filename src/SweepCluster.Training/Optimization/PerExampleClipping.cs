using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Per-example gradient clipping for the output layer z = W t + b under cross-entropy, in closed form.</summary>
/// <remarks>
/// With r_i = softmax(z_i) - onehot(y_i), sample i's gradient is g_i = r_i outer [t_i; 1] (weight part r_i t_i^T,
/// bias part r_i), so ||g_i|| = ||r_i|| sqrt(||t_i||^2 + 1) without forming g_i. Each is scaled by
/// c_i = min(1, K / ||g_i||) and the batch gradient is (1/b) sum_i c_i g_i: one sample then moves an update by at most
/// (alpha / b) K, the sensitivity B_ISMI charges, and the batch gradient's norm is at most K, as the Pensia sum needs.
/// Valid only when t does not depend on the trained parameters (frozen hidden layers, features taken under no_grad).
/// Every tensor may carry leading pack dimensions: logits [..., b, C], features [..., b, w], labels [..., b].
/// </remarks>
internal static class PerExampleClipping
{
    /// <summary>The residuals r_i (rows) and the per-example gradient norms ||g_i||.</summary>
    public static (Tensor Residuals, Tensor Norms) Residuals(Tensor logits, Tensor features, Tensor labels)
    {
        Tensor r = nn.functional.softmax(logits, -1) - nn.functional.one_hot(labels, logits.shape[^1]).to(logits.dtype);
        Tensor norms = (r.pow(Scalars.Two).sum(-1L, keepdim: false) * (features.pow(Scalars.Two).sum(-1L, keepdim: false).Plus(Scalars.One))).sqrt();
        return (r, norms);
    }

    /// <summary>c_i = min(1, K / ||g_i||); a zero gradient keeps factor 1.</summary>
    public static Tensor Factors(Tensor norms, double clip)
    {
        using Scalar k = clip.ToScalar();
        return (k / norms).clamp_max(Scalars.UnitCap);
    }

    /// <summary>The clipped batch gradient: weight (1/b) sum_i c_i r_i t_i^T ([..., C, w]), bias (1/b) sum_i c_i r_i ([..., C]).</summary>
    public static (Tensor Weight, Tensor Bias) BatchGradient(Tensor logits, Tensor features, Tensor labels, double clip)
    {
        using var noGrad = no_grad();
        var (r, norms) = Residuals(logits.detach(), features, labels);
        Tensor scaled = r * Factors(norms, clip).unsqueeze(-1);
        using Scalar b = ((double)labels.shape[^1]).ToScalar();
        return (scaled.transpose(-1, -2).matmul(features) / b, scaled.sum(-2L, keepdim: false) / b);
    }
}
