using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Results;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>The coordinator over a real results folder: a worker's report is accepted only once the trial's line is
/// in trials.jsonl (written off the coordinator's thread), and the sweep's end is signalled after every line.</summary>
public sealed class ResultLineBeforeAcceptTests(ITestOutputHelper output) : SweepClusterTestKit(output), IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("line-before-accept-").FullName;
    private SweepResultFiles? _files;

    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(2), MaxAttempts: 2);

    internal override RecordingSink Sink => field ??= new RecordingSink(_files = new SweepResultFiles(_folder));

    void IDisposable.Dispose()
    {
        _files?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Each_report_is_accepted_after_its_line_is_written_and_the_end_after_every_line()
    {
        var worker = CreateTestProbe();
        for (var i = 1; i <= 2; i++)
        {
            Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), worker.Ref);
            var assigned = worker.ExpectMsg<AssignTrial>(Patience);
            Coordinator.Tell(new TrialResultReport("node-a/slot-0", assigned.TrialId, assigned.Attempt,
                FakeTrials.Completed(assigned.TrialId, assigned.Config)), worker.Ref);

            Assert.Equal(assigned.TrialId, worker.ExpectMsg<ReportAccepted>(Patience).TrialId);
            var ids = TrialsJsonlIds.In(_folder);
            Assert.Equal(i, ids.Count);
            Assert.Equal(assigned.TrialId.Value, ids[^1]);
        }

        AwaitAssert(() => Assert.Single(Sink.Finished), Patience);
        Assert.Equal([2], Sink.RecordedAtEnd);
    }
}
