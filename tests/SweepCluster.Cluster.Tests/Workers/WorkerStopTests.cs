using Akka.Actor;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Workers;

public sealed class WorkerStopTests : SweepClusterTestKit
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FakeRunner _runner;

    public WorkerStopTests(ITestOutputHelper output) : base(output)
    {
        // Runs until cancelled, as a long trial would.
        _runner = new FakeRunner((_, _, _, cancellation) =>
        {
            _started.TrySetResult();
            _cancelled.TrySetResult(cancellation.WaitHandle.WaitOne(Patience));
            cancellation.ThrowIfCancellationRequested();
            throw new TimeoutException("The trial was never cancelled.");
        });
    }

    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(1), MaxAttempts: 2);
    internal override ITrialRunner? Runner => _runner;
    internal override int SlotCount => 1;

    [Fact]
    public async Task Stopping_a_slot_cancels_its_running_trial_and_the_coordinator_takes_the_trial_back()
    {
        await _started.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(1, Status().Assigned);

        var slot = await Sys.ActorSelection($"/user/{TrialWorker.ActorName(0)}").ResolveOne(Patience);
        Sys.Stop(slot);

        Assert.True(await _cancelled.Task.WaitAsync(Patience, TestContext.Current.CancellationToken), "The runner's token was not cancelled.");
        AwaitAssert(() => Assert.Equal((1, 0), (Status().Pending, Status().Assigned)), Patience);
        Assert.Equal(1, Status().Total);
        Assert.Empty(Sink.Results);
    }
}
