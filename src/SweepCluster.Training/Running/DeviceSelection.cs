using SweepCluster.Core;
using SweepCluster.Core.Trials;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>Turns a device name ("cpu", "cuda", "cuda:N"; read by <see cref="DeviceId.Parse"/>) into a torch device,
/// refusing one this build or machine cannot provide with a sentence that says why.</summary>
public static class DeviceSelection
{
    /// <param name="flag">The option that named the device, put in the fix of a sentence; null: the fix names none
    /// (a worker slot's device, already checked against the node's devices by its session).</param>
    public static Device Resolve(string name, string? flag = null)
    {
        DeviceId id = DeviceId.Parse(name).OrThrow();
        if (id.CudaIndex is not { } index) return CPU;
        if (!cuda.is_available())
        {
            string fix = flag is null ? "use cpu instead" : $"use {flag} cpu";
            throw new UserInputException(
                $"device '{name}' was asked for but no CUDA device is usable here (this build is CPU-only unless built with -p:TorchBackend=cuda on a GPU node); {fix}.");
        }
        if (index >= cuda.device_count())
            throw new UserInputException($"device '{name}' does not exist: this node has {cuda.device_count()} CUDA device(s).");
        return device(id.ToString());
    }

    /// <summary>The devices "auto" means: every visible CUDA device, else none (the caller then uses CPU slots).</summary>
    public static IReadOnlyList<DeviceId> VisibleCudaDevices() =>
        cuda.is_available() ? Enumerable.Range(0, cuda.device_count()).Select(DeviceId.Cuda).ToArray() : [];
}
