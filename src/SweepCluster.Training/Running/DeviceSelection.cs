using SweepCluster.Core;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>Turns a device name ("cpu", "cuda", "cuda:N") into a torch device, refusing one this build or
/// machine cannot provide with a sentence that says why.</summary>
public static class DeviceSelection
{
    /// <param name="flag">The option that named the device, put in the fix of a sentence; null: the fix names none
    /// (a worker slot's device, already checked against the node's devices by its session).</param>
    public static Device Resolve(string name, string? flag = null)
    {
        string trimmed = name.Trim().ToLowerInvariant();
        if (trimmed == "cpu") return CPU;
        if (trimmed != "cuda" && !trimmed.StartsWith("cuda:", StringComparison.Ordinal))
            throw new UserInputException($"device '{name}' is not understood; use cpu, cuda or cuda:N.");
        int index = 0;
        if (trimmed.Length > 4 && (!int.TryParse(trimmed.AsSpan(5), out index) || index < 0))
            throw new UserInputException($"device '{name}' has no valid index; use cuda:N with N = 0, 1, ...");
        if (!cuda.is_available())
        {
            string fix = flag is null ? "use cpu instead" : $"use {flag} cpu";
            throw new UserInputException(
                $"device '{name}' was asked for but no CUDA device is usable here (this build is CPU-only unless built with -p:TorchBackend=cuda on a GPU node); {fix}.");
        }
        if (index >= cuda.device_count())
            throw new UserInputException($"device '{name}' does not exist: this node has {cuda.device_count()} CUDA device(s).");
        return device($"cuda:{index}");
    }

    /// <summary>The devices "auto" means: every visible CUDA device, else none (the caller then uses CPU slots).</summary>
    public static IReadOnlyList<string> VisibleCudaDevices() =>
        cuda.is_available() ? Enumerable.Range(0, cuda.device_count()).Select(i => $"cuda:{i}").ToArray() : [];
}
