using SweepCluster.Cluster.Workers;
using SweepCluster.Core;
using SweepCluster.Core.Trials;
using SweepCluster.Sessions;

namespace SweepCluster.Cli.Tests.Sessions;

public sealed class SlotPlanTests
{
    private static readonly DeviceId[] NoGpu = [];
    private static readonly DeviceId[] TwoGpus = [DeviceId.Cuda(0), DeviceId.Cuda(1)];

    [Fact]
    public void Auto_without_gpus_is_one_single_thread_cpu_slot_per_core() =>
        Assert.Equal(Enumerable.Repeat(new WorkerSlot("cpu", 1), 8), SlotPlan.For(null, "auto", NoGpu, 8));

    [Fact]
    public void Without_slots_the_threads_per_slot_set_how_many_cpu_slots_fit() =>
        Assert.Equal(Enumerable.Repeat(new WorkerSlot("cpu", 2), 4), SlotPlan.For(null, "cpu", NoGpu, 8, threadsPerSlot: 2));

    [Fact]
    public void Cpu_slots_split_the_cores_so_slots_times_threads_fit() =>
        Assert.Equal(Enumerable.Repeat(new WorkerSlot("cpu", 2), 3), SlotPlan.For(3, "cpu", TwoGpus, 7));

    [Fact]
    public void Auto_with_gpus_is_one_slot_per_visible_device() =>
        Assert.Equal([new WorkerSlot("cuda:0", 8), new WorkerSlot("cuda:1", 8)], SlotPlan.For(null, "auto", TwoGpus, 16));

    [Fact]
    public void Auto_with_fewer_slots_than_gpus_uses_the_first_devices() =>
        Assert.Equal([new WorkerSlot("cuda:0", 16)], SlotPlan.For(1, "AUTO", TwoGpus, 16));

    [Fact]
    public void Explicit_cuda_devices_get_one_slot_each() =>
        Assert.Equal([new WorkerSlot("cuda:1", 4)], SlotPlan.For(null, "cuda:1", TwoGpus, 4));

    [Theory]
    [InlineData("cuda")]
    [InlineData("CUDA:0")]
    [InlineData(" cuda:0 ")]
    public void Explicit_cuda_devices_are_read_like_any_device_name(string devices) =>
        Assert.Equal([new WorkerSlot("cuda:0", 4)], SlotPlan.For(null, devices, TwoGpus, 4));

    [Fact]
    public void Threads_per_slot_override_the_split() =>
        Assert.Equal([new WorkerSlot("cpu", 1), new WorkerSlot("cpu", 1)], SlotPlan.For(2, "cpu", NoGpu, 8, threadsPerSlot: 1));

    [Theory]
    [InlineData(3, "cpu", 2, null, "--slots 3")]
    [InlineData(0, "cpu", 2, null, "--slots 0")]
    [InlineData(2, "cpu", 4, 3, "--threads 3")]
    [InlineData(null, "cuda:0", 4, null, "no CUDA device is visible")]
    [InlineData(null, "gpu0", 4, null, "--devices 'gpu0'")]
    public void Impossible_cpu_requests_are_refused_in_one_sentence(int? slots, string devices, int cores, int? threads, string mentions)
    {
        var error = Assert.Throws<UserInputException>(() => SlotPlan.For(slots, devices, NoGpu, cores, threads));
        Assert.Contains(mentions, error.Message);
        Assert.EndsWith(".", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(3, "auto", "--slots 3")]
    [InlineData(null, "cuda:2", "cuda:2")]
    [InlineData(null, "cuda:0,cuda:0", "twice")]
    [InlineData(1, "cuda:0,cuda:1", "--slots 1")]
    [InlineData(null, "cpu,cuda:0", "'cpu,cuda:0'")]
    [InlineData(null, "cuda:x", "'cuda:x'")]
    [InlineData(null, "cuda,cuda:0", "twice")]
    public void Impossible_gpu_requests_are_refused_in_one_sentence(int? slots, string devices, string mentions)
    {
        var error = Assert.Throws<UserInputException>(() => SlotPlan.For(slots, devices, TwoGpus, 8));
        Assert.Contains(mentions, error.Message);
        Assert.EndsWith(".", error.Message);
    }
}
