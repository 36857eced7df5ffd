using SweepCluster.Core.Trials;
using Akka.Actor;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>The coordinator trusts the sender, not the worker id a message declares.</summary>
public sealed class ForgedReportTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    internal override SweepPlan Plan => new("test-sweep", "name: test", FakeTrials.Plan(1), MaxAttempts: 2);

    private const string VictimId = "node-a/slot-0";

    [Fact]
    public void Reports_in_the_assigned_workers_name_from_another_actor_are_rejected_counted_and_never_recorded()
    {
        var victim = CreateTestProbe();
        var forger = CreateTestProbe();
        Coordinator.Tell(new RequestWork(VictimId, "cpu"), victim.Ref);
        var assigned = victim.ExpectMsg<AssignTrial>(Patience);
        double rejectedBefore = SweepTelemetry.RejectedReports.Value;

        var madeUp = FakeTrials.Completed(assigned.TrialId, assigned.Config) with { TestError = 0.0 };
        Coordinator.Tell(new TrialProgressReport(VictimId, assigned.TrialId, assigned.Attempt, 1, 3, 0.5), forger.Ref);
        Coordinator.Tell(new TrialResultReport(VictimId, assigned.TrialId, assigned.Attempt, madeUp), forger.Ref);
        Coordinator.Tell(new TrialFailureReport(VictimId, assigned.TrialId, assigned.Attempt, FailureKind.Exception, "made up"), forger.Ref);
        // Asking in the victim's name would otherwise be handed the attempt the victim holds.
        Coordinator.Tell(new RequestWork(VictimId, "cpu"), forger.Ref);

        forger.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        var status = Status();
        Assert.Equal((0, 1, 0), (status.Completed, status.Assigned, status.Failed));
        Assert.Empty(Sink.Results);
        Assert.Equal(4, SweepTelemetry.RejectedReports.Value - rejectedBefore);

        // The assigned worker's own report is taken.
        Coordinator.Tell(new TrialResultReport(VictimId, assigned.TrialId, assigned.Attempt,
            FakeTrials.Completed(assigned.TrialId, assigned.Config)), victim.Ref);
        victim.ExpectMsg(new ReportAccepted(assigned.TrialId, assigned.Attempt), Patience);
        Assert.Equal(1, Status().Completed);
        Assert.NotEqual(0.0, Assert.Single(Sink.Results).TestError);
    }

    [Fact]
    public void A_remote_sender_speaks_only_for_slots_of_its_own_node()
    {
        var sender = new PathOnly(ActorPath.Parse("akka.tcp://sweepcluster@10.0.0.9:4100/user/trial-worker-0"));

        Assert.True(WorkerIdentity.MaySpeakFor("akka.tcp://sweepcluster@10.0.0.9:4100/slot-0", sender, known: null));
        Assert.False(WorkerIdentity.MaySpeakFor("akka.tcp://sweepcluster@10.0.0.7:4100/slot-0", sender, known: null));
        Assert.False(WorkerIdentity.MaySpeakFor("akka.tcp://sweepcluster@10.0.0.9:41000/slot-0", sender, known: null));
        // Known under another path: another actor; at the same path: the slot's node restarted on its address.
        var other = new PathOnly(ActorPath.Parse("akka.tcp://sweepcluster@10.0.0.9:4100/user/trial-worker-1"));
        Assert.False(WorkerIdentity.MaySpeakFor("akka.tcp://sweepcluster@10.0.0.9:4100/slot-0", sender, other));
        var restarted = new PathOnly(ActorPath.Parse("akka.tcp://sweepcluster@10.0.0.9:4100/user/trial-worker-0"));
        Assert.True(WorkerIdentity.MaySpeakFor("akka.tcp://sweepcluster@10.0.0.9:4100/slot-0", sender, restarted));
    }

    /// <summary>An actor reference that only has a path: what the identity rule looks at.</summary>
    private sealed class PathOnly(ActorPath path) : MinimalActorRef
    {
        public override ActorPath Path => path;
        public override IActorRefProvider Provider => throw new NotSupportedException();
    }
}
