using System.Runtime.CompilerServices;
using SweepCluster.Training.Running;

namespace SweepCluster.Training.Tests;

/// <summary>TorchSharp tests share process-wide native state (thread count, the tensor counter): run them one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";

    /// <summary>Tests may reach TorchSharp before any type of the Training assembly: set the reproducible native math
    /// first, as the product does.</summary>
    [ModuleInitializer]
    internal static void ConfigureNativeMath() => NativeTorchEnvironment.Configure();
}
