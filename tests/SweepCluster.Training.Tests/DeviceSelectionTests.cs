using SweepCluster.Core;
using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class DeviceSelectionTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Cpu_is_the_torch_cpu(string name) => Assert.Equal(DeviceType.CPU, DeviceSelection.Resolve(name).type);

    [Theory]
    [InlineData("gpu0", "device 'gpu0' is not understood; use cpu, cuda or cuda:N.")]
    [InlineData("cuda:x", "device 'cuda:x' has no valid index; use cuda:N with N = 0, 1, ...")]
    public void A_name_that_is_no_device_is_refused_in_its_own_words(string name, string message) =>
        Assert.Equal(message, Assert.Throws<UserInputException>(() => DeviceSelection.Resolve(name, "--device")).Message);

    [Fact]
    public void A_cuda_device_that_is_not_there_is_refused_naming_the_fix()
    {
        if (cuda.is_available()) return;
        var error = Assert.Throws<UserInputException>(() => DeviceSelection.Resolve("cuda", "--device"));
        Assert.StartsWith("device 'cuda' was asked for but no CUDA device is usable here", error.Message);
        Assert.EndsWith("use --device cpu.", error.Message);
    }

    [Fact]
    public void Without_cuda_no_device_is_visible()
    {
        if (cuda.is_available()) return;
        Assert.Empty(DeviceSelection.VisibleCudaDevices());
    }
}
