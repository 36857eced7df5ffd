namespace SweepCluster.Core.Spec;

/// <summary>Where the gradient clip K is applied: to the batch gradient or to every example's gradient.</summary>
public enum ClippingMode
{
    /// <summary>per_example in frozen_features (the output layer's per-example gradient has a closed form), batch in end_to_end.</summary>
    Auto = 0,
    /// <summary>Every example's gradient clipped to norm K before averaging: one sample moves an update by at most
    /// (alpha / b) K, which the per-sample B_ISMI needs. Only in frozen_features.</summary>
    PerExample,
    /// <summary>The averaged batch gradient clipped to norm K (torch's clip_grad_norm_).</summary>
    Batch,
}

/// <summary>How a trial's mode resolves <see cref="ClippingMode.Auto"/>. The spec words of <see cref="ClippingMode"/>
/// ("auto", "per_example", "batch") are its <see cref="SpecWords"/>.</summary>
public static class ClippingModes
{

    /// <summary>True when a trial of this mode clips per example (auto resolves to per_example in frozen_features).</summary>
    public static bool IsPerExample(ClippingMode clipping, TrainingMode mode) =>
        clipping == ClippingMode.PerExample || (clipping == ClippingMode.Auto && mode == TrainingMode.FrozenFeatures);
}
