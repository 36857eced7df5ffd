using SweepCluster.Core;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Trials;

public sealed class DeviceIdTests
{
    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData(" CPU ", "cpu")]
    [InlineData("cuda", "cuda:0")]
    [InlineData("cuda:0", "cuda:0")]
    [InlineData("CUDA:3", "cuda:3")]
    [InlineData("cuda:12", "cuda:12")]
    public void Device_names_read_and_print_as_cpu_or_cuda_n(string name, string printed)
    {
        var parse = DeviceId.Parse(name);
        Assert.Null(parse.Error);
        Assert.Equal(printed, parse.OrThrow().ToString());
    }

    [Fact]
    public void The_cpu_has_no_cuda_index_and_a_cuda_device_has_its_own() =>
        Assert.Equal((false, (int?)null, true, (int?)2), (DeviceId.Cpu.IsCuda, DeviceId.Cpu.CudaIndex, DeviceId.Cuda(2).IsCuda, DeviceId.Cuda(2).CudaIndex));

    [Theory]
    [InlineData("gpu0")]
    [InlineData("")]
    [InlineData("cudax")]
    public void A_name_that_is_no_device_is_not_understood(string name)
    {
        var parse = DeviceId.Parse(name);
        Assert.Null(parse.Device);
        Assert.Equal($"device '{name}' is not understood; use cpu, cuda or cuda:N.", parse.Error);
        Assert.Equal(parse.Error, Assert.Throws<UserInputException>(() => parse.OrThrow()).Message);
    }

    [Theory]
    [InlineData("cuda:")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:+1")]
    [InlineData("cuda:99999999999")]
    public void A_cuda_name_without_a_plain_index_has_no_valid_index(string name)
    {
        var parse = DeviceId.Parse(name);
        Assert.Null(parse.Device);
        Assert.Equal($"device '{name}' has no valid index; use cuda:N with N = 0, 1, ...", parse.Error);
    }
}
