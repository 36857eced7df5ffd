using Akka.Actor;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Workers;

/// <summary>Two slots of pack size 3 and two packs' worth of trials: the slot holding the first pack is stopped mid-pack.</summary>
public sealed class PackedWorkerStopTests : SweepClusterTestKit
{
    private readonly TaskCompletionSource<IReadOnlyList<TrialId>> _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _firstCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PackRunner _runner;
    private int _calls;

    public PackedWorkerStopTests(ITestOutputHelper output) : base(output)
    {
        // The first pack runs until cancelled, as long trials would; any later pack completes.
        _runner = new PackRunner((members, cancellation) =>
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                foreach (var m in members) m.Progress?.Report(new TrialProgress(1, 3, 0.5));
                _firstStarted.TrySetResult(members.Select(m => m.Id).ToList());
                _firstCancelled.TrySetResult(cancellation.WaitHandle.WaitOne(Patience));
                cancellation.ThrowIfCancellationRequested();
                throw new TimeoutException("The pack was never cancelled.");
            }
            return members.Select(m => FakeTrials.Completed(m.Id, m.Config)).ToList();
        });
    }

    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(6), MaxAttempts: 2);
    internal override ITrialRunner? Runner => _runner;
    internal override TrialWorkerSettings WorkerSettings => FastRetries with { PackSize = 3 };

    [Fact]
    public async Task Stopping_a_slot_mid_pack_gives_back_every_trial_and_each_completes_once_elsewhere()
    {
        // The first slot to ask takes three of the six (its node said it runs two slots), the other two of the three
        // left; whichever pack starts first is held until cancelled.
        var first = await _firstStarted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.InRange(first.Count, 2, 3);
        var holder = Assert.Single(Status().Running.Where(r => first.Contains(r.TrialId)).Select(r => r.WorkerId).Distinct());

        var slot = await Sys.ActorSelection($"/user/{TrialWorker.ActorName(SlotIndex(holder))}").ResolveOne(Patience);
        Sys.Stop(slot);

        Assert.True(await _firstCancelled.Task.WaitAsync(Patience, TestContext.Current.CancellationToken), "The runner's token was not cancelled.");
        await AwaitAssertAsync(() => Assert.Single(Sink.Finished), Patience);

        // The first pack's trials ran again (on the other slot), each once; every trial ended once.
        var runs = _runner.RunTrials.CountBy(id => id).ToDictionary();
        Assert.All(Plan.Trials, t => Assert.Equal(first.Contains(t.Id) ? 2 : 1, runs[t.Id]));
        Assert.Equal(FakeTrials.Sorted(Plan.Trials.Select(t => t.Id)), FakeTrials.Sorted(Sink.Results.Select(r => r.TrialId)));
        var status = Status();
        Assert.Equal((6, 0, 0L, 0L), (status.Completed, status.Failed, status.Retries, status.DiscardedResults));
    }

    private static int SlotIndex(string workerId) => int.Parse(workerId[(workerId.LastIndexOf("/slot-", StringComparison.Ordinal) + 6)..]);
}
