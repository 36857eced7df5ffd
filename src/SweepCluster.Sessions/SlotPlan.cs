using System.Globalization;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core;

namespace SweepCluster.Sessions;

/// <summary>Turns --slots / --devices / --threads into worker slots for this node.</summary>
public static class SlotPlan
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    private const string CudaPrefix = "cuda:";

    /// <summary>"auto": one slot per visible CUDA device, or CPU slots when none is visible; "cpu": CPU slots;
    /// "cuda:0,cuda:1": those devices, one slot each. CPU slots share the cores (slots x threads &lt;= cores); without
    /// --slots there is one CPU slot per core (per <paramref name="threadsPerSlot"/> cores when given): the paper's nets
    /// are narrow, so a trial gains little from a second thread and much from a core of its own (the quickstart ran in
    /// 68 s with two slots against 145 s with one slot of two threads, with identical numbers).
    /// <paramref name="threadsPerSlot"/> overrides the split. <paramref name="visibleCudaDevices"/> are named "cuda:N".</summary>
    /// <exception cref="UserInputException">The options do not fit this node, with one sentence naming the fix.</exception>
    public static IReadOnlyList<WorkerSlot> For(
        int? slots, string devicesOption, IReadOnlyList<string> visibleCudaDevices, int cores, int? threadsPerSlot = null)
    {
        cores = Math.Max(1, cores);
        if (slots is < 1)
            throw new UserInputException($"--slots {slots} is not a slot count; give a whole number of at least 1.");
        if (threadsPerSlot is < 1)
            throw new UserInputException($"--threads {threadsPerSlot} is not a thread count; give a whole number of at least 1.");

        var option = string.IsNullOrWhiteSpace(devicesOption) ? Auto : devicesOption.Trim().ToLowerInvariant();
        if (option == Auto)
            return visibleCudaDevices.Count > 0
                ? CudaSlots(AutoCuda(slots, visibleCudaDevices), cores, threadsPerSlot)
                : CpuSlots(slots ?? DefaultCpuSlots(cores, threadsPerSlot), cores, threadsPerSlot);
        if (option == Cpu)
            return CpuSlots(slots ?? DefaultCpuSlots(cores, threadsPerSlot), cores, threadsPerSlot);
        return CudaSlots(ExplicitCuda(slots, option, devicesOption, visibleCudaDevices), cores, threadsPerSlot);
    }

    private static int DefaultCpuSlots(int cores, int? threadsPerSlot) => Math.Max(1, cores / (threadsPerSlot ?? 1));

    private static IReadOnlyList<string> AutoCuda(int? slots, IReadOnlyList<string> visible)
    {
        if (slots > visible.Count)
            throw new UserInputException(
                $"--slots {slots} asks for more GPU slots than the {visible.Count} visible CUDA device(s) ({string.Join(", ", visible)}); use --slots {visible.Count} or --devices cpu.");
        return visible.Take(slots ?? visible.Count).ToList();
    }

    private static IReadOnlyList<string> ExplicitCuda(int? slots, string option, string original, IReadOnlyList<string> visible)
    {
        var devices = option.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var device in devices)
        {
            if (!IsCudaName(device))
                throw new UserInputException(
                    $"--devices '{original}' is not understood at '{device}'; use auto, cpu, or CUDA devices such as cuda:0,cuda:1.");
            if (!visible.Contains(device, StringComparer.OrdinalIgnoreCase))
                throw new UserInputException(visible.Count == 0
                    ? $"--devices names {device} but no CUDA device is visible on this node; use --devices cpu."
                    : $"--devices names {device} but only {string.Join(", ", visible)} are visible on this node.");
        }
        if (devices.Distinct().Count() != devices.Length)
            throw new UserInputException($"--devices '{original}' names a device twice; list each CUDA device once (one slot each).");
        if (slots is { } count && count != devices.Length)
            throw new UserInputException(
                $"--slots {count} disagrees with the {devices.Length} device(s) in --devices '{original}'; drop --slots, since each listed device is one slot.");
        return devices;
    }

    private static bool IsCudaName(string device) =>
        device.StartsWith(CudaPrefix, StringComparison.Ordinal)
        && int.TryParse(device.AsSpan(CudaPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static IReadOnlyList<WorkerSlot> CpuSlots(int count, int cores, int? threadsPerSlot)
    {
        if (count > cores)
            throw new UserInputException($"--slots {count} is more CPU slots than this node's {cores} core(s); use at most --slots {cores}.");
        var threads = threadsPerSlot ?? cores / count;
        if (count * threads > cores)
            throw new UserInputException(
                $"--slots {count} with --threads {threads} needs {count * threads} cores but this node has {cores}; use --threads {cores / count} or fewer slots.");
        return Enumerable.Range(0, count).Select(_ => new WorkerSlot(Cpu, threads)).ToList();
    }

    // A GPU slot still needs CPU threads (data, evaluation); split the cores between the GPU slots.
    private static IReadOnlyList<WorkerSlot> CudaSlots(IReadOnlyList<string> devices, int cores, int? threadsPerSlot) =>
        devices.Select(d => new WorkerSlot(d, threadsPerSlot ?? Math.Max(1, cores / devices.Count))).ToList();
}
