using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>A tensor's values as a host array, in row-major order.</summary>
internal static class HostCopy
{
    /// <summary>One copy of the contiguous host values' bytes (TorchSharp's element accessor copies element by element:
    /// 1.4 s of the narrow sweep's estimate phase, on the augmented centres, before this).</summary>
    public static T[] ToArray<T>(Tensor t) where T : unmanaged
    {
        using Tensor host = t.cpu().contiguous();
        return MemoryMarshal.Cast<byte, T>(host.bytes).ToArray();
    }
}
