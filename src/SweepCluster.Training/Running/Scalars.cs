using TorchSharp;

namespace SweepCluster.Training.Running;

/// <summary>The constant scalar operands of the training code, held for the life of the process.</summary>
/// <remarks>TorchSharp 0.107 frees a Scalar in its finalizer and reads a Scalar argument's handle without keeping the
/// Scalar alive through the native call, so a Scalar made on the fly (tensor + 1e-6, clamp_max(1.0)) can be freed by
/// the finalizer thread while libtorch reads it: packed trials failed that way under load ("Expected false to be true"
/// from c10's Scalar::toDouble). Every scalar operand is therefore held: one of these, or a <c>using</c> Scalar for a
/// value known only at run time. ScalarLifetimeTests finds any other. Each keeps the type of the literal it replaced
/// (an int stays an int), so results are bit for bit what they were.</remarks>
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
}
