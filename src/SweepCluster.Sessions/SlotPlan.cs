using SweepCluster.Cluster.Workers;
using SweepCluster.Core;
using SweepCluster.Core.Trials;

namespace SweepCluster.Sessions;

/// <summary>Turns --slots / --devices / --threads into worker slots for this node.</summary>
public static class SlotPlan
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";

    /// <summary>"auto": one slot per visible CUDA device, or CPU slots when none is visible; "cpu": CPU slots;
    /// "cuda:0,cuda:1": those devices, one slot each (each read by <see cref="DeviceId.Parse"/>, so "cuda" is cuda:0). CPU slots share the cores (slots x threads &lt;= cores); without
    /// --slots there is one CPU slot per core (per <paramref name="threadsPerSlot"/> cores when given): the paper's nets
    /// are narrow, so a trial gains little from a second thread and much from a core of its own (two single-thread
    /// slots ran the quickstart about twice as fast as one slot of two threads, with identical numbers; README.md).
    /// <paramref name="threadsPerSlot"/> overrides the split.</summary>
    /// <exception cref="UserInputException">The options do not fit this node, with one sentence naming the fix.</exception>
    public static IReadOnlyList<WorkerSlot> For(
        int? slots, string devicesOption, IReadOnlyList<DeviceId> visibleCudaDevices, int cores, int? threadsPerSlot = null)
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

    private static IReadOnlyList<DeviceId> AutoCuda(int? slots, IReadOnlyList<DeviceId> visible)
    {
        if (slots > visible.Count)
            throw new UserInputException(
                $"--slots {slots} asks for more GPU slots than the {visible.Count} visible CUDA device(s) ({string.Join(", ", visible)}); use --slots {visible.Count} or --devices cpu.");
        return visible.Take(slots ?? visible.Count).ToList();
    }

    private static IReadOnlyList<DeviceId> ExplicitCuda(int? slots, string option, string original, IReadOnlyList<DeviceId> visible)
    {
        var names = option.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var devices = new List<DeviceId>(names.Length);
        foreach (var name in names)
        {
            if (DeviceId.Parse(name).Device is not { IsCuda: true } device)
                throw new UserInputException(
                    $"--devices '{original}' is not understood at '{name}'; use auto, cpu, or CUDA devices such as cuda:0,cuda:1.");
            if (!visible.Contains(device))
                throw new UserInputException(visible.Count == 0
                    ? $"--devices names {name} but no CUDA device is visible on this node; use --devices cpu."
                    : $"--devices names {name} but only {string.Join(", ", visible)} are visible on this node.");
            devices.Add(device);
        }
        if (devices.Distinct().Count() != devices.Count)
            throw new UserInputException($"--devices '{original}' names a device twice; list each CUDA device once (one slot each).");
        if (slots is { } count && count != devices.Count)
            throw new UserInputException(
                $"--slots {count} disagrees with the {devices.Count} device(s) in --devices '{original}'; drop --slots, since each listed device is one slot.");
        return devices;
    }

    private static IReadOnlyList<WorkerSlot> CpuSlots(int count, int cores, int? threadsPerSlot)
    {
        if (count > cores)
            throw new UserInputException($"--slots {count} is more CPU slots than this node's {cores} core(s); use at most --slots {cores}.");
        var threads = threadsPerSlot ?? cores / count;
        if (count * threads > cores)
            throw new UserInputException(
                $"--slots {count} with --threads {threads} needs {count * threads} cores but this node has {cores}; use --threads {cores / count} or fewer slots.");
        return Enumerable.Range(0, count).Select(_ => new WorkerSlot(DeviceId.Cpu.ToString(), threads)).ToList();
    }

    // A GPU slot still needs CPU threads (data, evaluation); split the cores between the GPU slots.
    private static IReadOnlyList<WorkerSlot> CudaSlots(IReadOnlyList<DeviceId> devices, int cores, int? threadsPerSlot) =>
        devices.Select(d => new WorkerSlot(d.ToString(), threadsPerSlot ?? Math.Max(1, cores / devices.Count))).ToList();
}
