namespace SweepCluster.Training.Measurement;

/// <summary>What the bounds need from a training run, step by step: alpha_t, sigma_t, the clip K, the sample
/// indices of each step's batch, whether K capped every example's gradient (not only the batch's), and the parameter
/// counts; plus the mean loss of each epoch.</summary>
internal sealed record TrainingLog(
    IReadOnlyList<double> Alphas,
    IReadOnlyList<double> Sigmas,
    IReadOnlyList<int[]> Batches,
    double Clip,
    bool PerExampleClipping,
    long TrainedParameters,
    long OutputParameters,
    IReadOnlyList<double> EpochLosses,
    long? DivergedAtStep)
{
    public long Steps => Alphas.Count;
}
