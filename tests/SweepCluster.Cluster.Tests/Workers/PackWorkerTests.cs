using Akka.Actor;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Workers;

/// <summary>One slot of pack size 3 against a probe playing the coordinator: the pull protocol of a pack, message by message.</summary>
public sealed class PackWorkerTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private static readonly AssignPack Pack = new(FakeTrials.Plan(2).Select(t => new AssignTrial(t.Id, t.Config, 1)).ToList());

    private (Akka.TestKit.TestProbe Coordinator, IActorRef Slot) StartSlot(ITrialRunner runner)
    {
        var coordinator = CreateTestProbe();
        var slot = Sys.ActorOf(TrialWorker.Props(coordinator.Ref, runner, 7, new WorkerSlot("cpu", 1), FastRetries with { PackSize = 3 }));
        Assert.Equal(3, coordinator.ExpectMsg<RequestWork>(Patience).Capacity);
        return (coordinator, slot);
    }

    [Fact]
    public void A_pack_runs_in_one_call_reports_each_trial_and_a_late_copy_of_it_does_not_run_again()
    {
        var runner = PackRunner.Completing(epochs: 1);
        var (coordinator, slot) = StartSlot(runner);

        slot.Tell(Pack, coordinator.Ref);

        var progress = coordinator.ExpectMsg<TrialProgressReport>(Patience);
        var more = coordinator.ExpectMsg<TrialProgressReport>(Patience);
        Assert.Equal(FakeTrials.Sorted(Pack.Trials.Select(a => a.TrialId)), FakeTrials.Sorted([progress.TrialId, more.TrialId]));
        var results = new[] { coordinator.ExpectMsg<TrialResultReport>(Patience), coordinator.ExpectMsg<TrialResultReport>(Patience) };
        Assert.Equal(FakeTrials.Sorted(Pack.Trials.Select(a => a.TrialId)), FakeTrials.Sorted(results.Select(r => r.TrialId)));

        // Only the first report is accepted: the retry timer resends the other alone (resends of both may still be
        // on the way from before), and the slot waits for it rather than asking for work.
        slot.Tell(new ReportAccepted(results[0].TrialId, 1), coordinator.Ref);
        var next = coordinator.FishForMessage(m => m is RequestWork || m is TrialResultReport r && r.TrialId == results[1].TrialId, Patience);
        Assert.IsType<TrialResultReport>(next); // the other report was resent before any request for work
        slot.Tell(new ReportAccepted(results[1].TrialId, 1), coordinator.Ref);
        coordinator.FishForMessage<RequestWork>(_ => true, Patience);

        slot.Tell(Pack, coordinator.Ref);
        coordinator.FishForMessage<RequestWork>(_ => true, Patience); // still idle, asking again
        Assert.Single(runner.Packs);
        Assert.Empty(runner.Lone);
    }

    [Fact]
    public void A_pack_that_throws_reports_a_failure_for_each_trial()
    {
        var (coordinator, slot) = StartSlot(new PackRunner((_, _) => throw new OutOfMemoryException("CUDA out of memory")));

        slot.Tell(Pack, coordinator.Ref);

        var failures = new[] { coordinator.ExpectMsg<TrialFailureReport>(Patience), coordinator.ExpectMsg<TrialFailureReport>(Patience) };
        Assert.Equal(FakeTrials.Sorted(Pack.Trials.Select(a => a.TrialId)), FakeTrials.Sorted(failures.Select(f => f.TrialId)));
        Assert.All(failures, f => Assert.Equal((FailureKind.Exception, "OutOfMemoryException: CUDA out of memory"), (f.Kind, f.Reason)));
    }

    [Fact]
    public void A_single_assignment_runs_alone_as_before()
    {
        var runner = PackRunner.Completing(epochs: 1);
        var (coordinator, slot) = StartSlot(runner);

        slot.Tell(Pack.Trials[0], coordinator.Ref);

        coordinator.ExpectMsg<TrialProgressReport>(Patience);
        Assert.Equal(Pack.Trials[0].TrialId, coordinator.ExpectMsg<TrialResultReport>(Patience).TrialId);
        Assert.Equal([Pack.Trials[0].TrialId], runner.Lone);
        Assert.Empty(runner.Packs);
    }

    [Fact]
    public async Task An_assignment_reports_the_wait_since_the_first_request_of_the_idle_spell()
    {
        var waited = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        var coordinator = CreateTestProbe();
        var settings = FastRetries with { AssignmentWaited = w => { Interlocked.Increment(ref calls); waited.TrySetResult(w); } };
        var slot = Sys.ActorOf(TrialWorker.Props(coordinator.Ref, PackRunner.Completing(epochs: 1), 3, new WorkerSlot("cpu", 1), settings));
        coordinator.ExpectMsg<RequestWork>(Patience);
        var sinceFirst = System.Diagnostics.Stopwatch.StartNew();
        coordinator.ExpectMsg<RequestWork>(Patience); // the retry: the wait goes on counting from the first request

        var heldBack = sinceFirst.Elapsed;
        slot.Tell(Pack.Trials[0], coordinator.Ref);

        var wait = await waited.Task.WaitAsync(Patience);
        Assert.True(wait >= heldBack, $"{wait} < {heldBack}");
        coordinator.FishForMessage<TrialResultReport>(_ => true, Patience);
        Assert.Equal(1, Volatile.Read(ref calls));
    }
}
