using System.Collections.Concurrent;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>A plan larger than a piece goes into the journal one write per piece (each with the journal's whole
/// deadline), the status says how far it got, and the sweep is whole and servable once it has.</summary>
public sealed class PlanPiecesTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private const int Trials = 2 * PlanPieces.TrialsPerPiece + 5 * SweepState.PlannedPerEvent;
    private readonly ConcurrentQueue<int> _writes = new();

    internal override SweepPlan Plan => new("big-sweep", "name: big", FakeTrials.Plan(Trials), MaxAttempts: 2);

    internal override SweepCoordinatorSettings CoordinatorSettings => new() { JournalWritten = (_, events) => _writes.Enqueue(events) };

    internal override int SlotCount => 0;

    [Fact]
    public void A_plan_of_two_and_a_quarter_pieces_is_three_writes_of_planned_trials_and_then_served_whole()
    {
        var status = AwaitStatus(s => s.Planning is null && s.Total == Trials);
        Assert.Equal((Trials, Trials, false), (status.Total, status.Pending, status.Finished));
        // The sweep's definition, then 20, 20 and 5 events of a thousand trials each.
        Assert.Equal([1, 20, 20, 5], _writes.ToArray());

        var worker = CreateTestProbe();
        Coordinator.Tell(new RequestWork("node-a/slot-0", "cpu"), worker.Ref);
        Assert.Equal("t-0", worker.ExpectMsg<AssignTrial>(Patience).TrialId.Value);
    }

    private SweepStatusResponse AwaitStatus(Func<SweepStatusResponse, bool> holds)
    {
        SweepStatusResponse? last = null;
        AwaitCondition(() => holds(last = Status()), Patience);
        return last!;
    }
}

/// <summary>The pieces a plan is cut into.</summary>
public sealed class PlanPieceCuttingTests
{
    [Fact]
    public void Pieces_cover_the_plan_in_order_and_written_counts_only_written_pieces()
    {
        var plan = FakeTrials.Plan(PlanPieces.TrialsPerPiece + 3);
        var pieces = new PlanPieces(plan, maxAttempts: 3);
        var first = pieces.Next()!;
        Assert.Equal((PlanPieces.TrialsPerPiece, 3), (first.Trials.Count, first.MaxAttempts));
        Assert.Equal(new PlanProgress(0, plan.Count), pieces.Progress);
        pieces.PieceWritten();
        var second = pieces.Next()!;
        Assert.Equal(plan.Skip(PlanPieces.TrialsPerPiece).Select(t => t.Id), second.Trials.Select(t => t.Id));
        Assert.False(pieces.Done);
        pieces.PieceWritten();
        Assert.True(pieces.Done);
        Assert.Null(pieces.Next());
    }

    [Fact]
    public void An_empty_plan_is_one_empty_piece_that_still_carries_the_attempts()
    {
        var pieces = new PlanPieces([], maxAttempts: 4);
        var piece = pieces.Next()!;
        Assert.Equal((0, 4), (piece.Trials.Count, piece.MaxAttempts));
        Assert.Null(pieces.Next());
    }
}
