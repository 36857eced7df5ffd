namespace SweepCluster.Training.Measurement;

/// <summary>How a trial computes the pairwise mixture sums of its layers.</summary>
public enum PairwiseKernel
{
    /// <summary>Tiled matrix products on the trial's device (<see cref="TensorRowLogSums"/>); what trials use.</summary>
    Tensor,

    /// <summary>Core's plain-double loop over all pairs on the CPU: the reference the tensor kernel is checked and timed
    /// against.</summary>
    Reference,
}
