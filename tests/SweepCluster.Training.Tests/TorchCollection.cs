namespace SweepCluster.Training.Tests;

/// <summary>TorchSharp tests share process-wide native state (thread count, the tensor counter): run them one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
