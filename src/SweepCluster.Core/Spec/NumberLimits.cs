namespace SweepCluster.Core.Spec;

/// <summary>Upper limits of the real-valued settings. Training runs in 32-bit floats (largest about 3.4e38), and a
/// step, noise or clip far above these values only overflows to infinity or NaN, so they are refused when read,
/// naming the key, instead of failing inside a trial. The limits are generous: no useful sweep comes near them.</summary>
internal static class NumberLimits
{
    public const double LearningRate = 1_000;
    public const double Noise = 1_000;          // act_noise, input_noise (standard deviations)
    public const double SgldNoise = 1e12;       // a std, or an inverse temperature beta, which is large when cold
    public const double Clip = 1_000_000;       // clip, loss_clip
    public const double LrDecay = 1_000_000;
    public const double Separation = 1_000_000;
}
