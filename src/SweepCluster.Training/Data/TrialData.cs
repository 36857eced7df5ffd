namespace SweepCluster.Training.Data;

/// <summary>The samples one trial trains and is measured on: row-major float features and int labels.</summary>
public sealed record TrialData(
    string Name,
    int Classes,
    int Dimension,
    float[] TrainFeatures,
    int[] TrainLabels,
    float[] TestFeatures,
    int[] TestLabels)
{
    /// <summary>In a CMI sweep, the supersample the training set was selected from; null otherwise.</summary>
    public CmiSupersample? Supersample { get; init; }

    public int TrainSize => TrainLabels.Length;
    public int TestSize => TestLabels.Length;
}
