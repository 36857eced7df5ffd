using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>The constant scalar operands of the training code, held for the life of the process.</summary>
/// <remarks>TorchSharp 0.107 frees a Scalar in its finalizer and reads a Scalar argument's handle without keeping the
/// Scalar alive through the native call, so a Scalar made on the fly (tensor + 1e-6, clamp_max(1.0)) can be freed by
/// the finalizer thread while libtorch reads it: packed trials failed that way under load ("Expected false to be true"
/// from c10's Scalar::toDouble). Every scalar operand is therefore held: one of these, or a <c>using</c> Scalar for a
/// value known only at run time. ScalarLifetimeTests finds any other. Each keeps the type of the literal it replaced
/// (an int stays an int), so results are bit for bit what they were. TorchSharp's own a + b, x.add_(y) and x.square()
/// make a Scalar inside (alpha 1, exponent 2): <see cref="Plus(Tensor, Tensor)"/>, <see cref="PlusInPlace"/> and
/// <see cref="Squared"/> are the same operations with the Scalar held.</remarks>
internal static class Scalars
{
    public static readonly Scalar Zero = 0.ToScalar();
    public static readonly Scalar One = 1.ToScalar();
    public static readonly Scalar Two = 2.ToScalar();
    /// <summary>-80: the floor of a log-sum-exp's terms relative to its largest (see SamplePropagation).</summary>
    public static readonly Scalar ExponentFloor = (-80).ToScalar();
    /// <summary>1.0: the cap of a clipping factor.</summary>
    public static readonly Scalar UnitCap = 1.0.ToScalar();
    /// <summary>1e-6: added to a norm before dividing by it, as clip_grad_norm_ does.</summary>
    public static readonly Scalar NormGuard = 1e-6.ToScalar();

    /// <summary>a + b (TorchSharp's a + b is a.add(b, 1)).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a + s for a Scalar s (TorchSharp's a + s is a.add(s, 1)).</summary>
    public static Tensor Plus(this Tensor a, Scalar s) => a.add(s, One);

    /// <summary>a += b in place (TorchSharp's a.add_(b) is a.add_(b, 1)).</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b) => a.add_(b, One);

    /// <summary>x squared element-wise (TorchSharp's x.square() is x.pow(2)).</summary>
    public static Tensor Squared(this Tensor x) => x.pow(Two);
}
