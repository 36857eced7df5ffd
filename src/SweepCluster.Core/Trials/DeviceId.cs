using System.Globalization;

namespace SweepCluster.Core.Trials;

/// <summary>The device a trial runs on: the CPU, or one CUDA device by index. Prints as "cpu" or "cuda:N", the name
/// it has wherever it crosses the wire or lands in results (those keep the string).</summary>
public readonly record struct DeviceId
{
    private const string CpuName = "cpu";
    private const string CudaName = "cuda";

    private DeviceId(int? cudaIndex) => CudaIndex = cudaIndex;

    public static DeviceId Cpu { get; } = new(null);

    /// <summary>The CUDA device with this index (0, 1, ...).</summary>
    public static DeviceId Cuda(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new DeviceId(index);
    }

    /// <summary>The CUDA index; null for the CPU.</summary>
    public int? CudaIndex { get; }

    public bool IsCuda => CudaIndex is not null;

    public override string ToString() => CudaIndex is { } index ? $"{CudaName}:{index.ToString(CultureInfo.InvariantCulture)}" : CpuName;

    /// <summary>Reads "cpu", "cuda" (device 0) or "cuda:N" with N plain digits, ignoring case and surrounding space.
    /// A name it cannot read comes back with a one-sentence error naming the forms it can.</summary>
    public static DeviceIdParse Parse(string name)
    {
        string trimmed = name.Trim().ToLowerInvariant();
        if (trimmed == CpuName) return new DeviceIdParse(Cpu, null);
        if (trimmed == CudaName) return new DeviceIdParse(Cuda(0), null);
        if (!trimmed.StartsWith(CudaName + ":", StringComparison.Ordinal))
            return new DeviceIdParse(null, $"device '{name}' is not understood; use cpu, cuda or cuda:N.");
        if (!int.TryParse(trimmed.AsSpan(CudaName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            return new DeviceIdParse(null, $"device '{name}' has no valid index; use cuda:N with N = 0, 1, ...");
        return new DeviceIdParse(Cuda(index), null);
    }
}

/// <summary>What <see cref="DeviceId.Parse"/> read: the device, or the sentence saying why there is none.</summary>
public readonly record struct DeviceIdParse(DeviceId? Device, string? Error)
{
    /// <summary>The device.</summary>
    /// <exception cref="UserInputException">The name was not a device; the message is <see cref="Error"/>.</exception>
    public DeviceId OrThrow() => Device ?? throw new UserInputException(Error!);
}
