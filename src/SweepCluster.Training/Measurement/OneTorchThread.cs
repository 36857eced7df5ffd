using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>Holds libtorch to one intra-op thread while an estimate runs on the CPU, then gives back the count it found:
/// libtorch's float64 products changed in the last bits with the thread count, and an estimate's numbers must not.</summary>
internal readonly struct OneTorchThread : IDisposable
{
    private readonly bool _held;

    public OneTorchThread(Device device)
    {
        Found = get_num_threads();
        _held = device.type == DeviceType.CPU;
        if (_held) set_num_threads(1);
    }

    /// <summary>The thread count before, which a caller may spread its own work over.</summary>
    public int Found { get; }

    /// <summary>Whether the work runs on the CPU (and so on one torch thread now).</summary>
    public bool OnCpu => _held;

    public void Dispose()
    {
        if (_held) set_num_threads(Found);
    }
}
