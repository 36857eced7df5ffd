using SweepCluster.Cluster.Serialization;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Serialization;

public sealed class JournalSerializationTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private static readonly PlannedTrial Trial = FakeTrials.Planned(3);
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.FromHours(1));

    /// <summary>One instance of every journal event, with every optional part filled in.</summary>
    private static IReadOnlyList<ISweepEvent> Events() =>
    [
        new SweepDefined("quickstart-20261126T120000Z-abc123", SweepJournalFormat.Version, "name: quickstart\\nseeds: 3\\n"),
        new TrialsPlanned([Trial, FakeTrials.Planned(4)], 3),
        new TrialAssigned(Trial.Id, "akka.tcp://sweepcluster@127.0.0.1:4053/slot-0", 2, At),
        new TrialCompleted(Trial.Id, "w/slot-0", FakeTrials.Completed(Trial.Id, Trial.Config)),
        new TrialAttemptFailed(Trial.Id, "w/slot-0", 2, FailureKind.Failed, "diverged at step 3", true, FakeTrials.Diverged(Trial.Id, Trial.Config)),
        new TrialAttemptFailed(Trial.Id, "w/slot-0", 1, FailureKind.Exception, "OutOfMemoryException", false, null),
        new TrialReleased(Trial.Id, "w/slot-1", "worker terminated"),
        new ResultDiscarded(Trial.Id, "w/slot-1", 1, "already completed"),
    ];

    [Fact]
    public void Every_event_type_has_a_sample_and_is_bound_to_the_json_serializer()
    {
        var eventTypes = typeof(ISweepEvent).Assembly.GetTypes()
            .Where(t => typeof(ISweepEvent).IsAssignableFrom(t) && !t.IsInterface).OrderBy(t => t.Name);
        Assert.Equal(eventTypes, Events().Select(e => e.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.All(Events(), e => Assert.IsType<SweepClusterSerializer>(Sys.Serialization.FindSerializerFor(e)));
    }

    [Fact]
    public void Every_event_survives_a_round_trip()
    {
        foreach (var @event in Events()) Assert.Equivalent(@event, RoundTrip(@event), strict: true);
    }

    [Fact]
    public void A_snapshot_round_trip_restores_the_same_state_and_its_indexes()
    {
        var plan = FakeTrials.Plan(4);
        var state = SweepState.Empty.ApplyAll(
        [
            new SweepDefined("s-1", SweepJournalFormat.Version, "name: s"),
            new TrialsPlanned(plan, 2),
            new TrialAssigned(plan[0].Id, "w/slot-0", 1, At),
            new TrialAssigned(plan[1].Id, "w/slot-1", 1, At),
            new TrialCompleted(plan[0].Id, "w/slot-0", FakeTrials.Completed(plan[0].Id, plan[0].Config)),
            new TrialAttemptFailed(plan[1].Id, "w/slot-1", 1, FailureKind.Exception, "boom", false, null),
            new ResultDiscarded(plan[0].Id, "w/slot-0", 1, "already completed"),
        ]);

        var back = SweepState.FromSnapshot((SweepSnapshot)RoundTrip(state.ToSnapshot()));

        Assert.Equivalent(state.ToSnapshot(), back.ToSnapshot(), strict: true);
        foreach (var phase in Enum.GetValues<TrialPhase>()) Assert.Equal(state.Count(phase), back.Count(phase));
        // The rebuilt pending index hands out the same trial next.
        var request = new RequestTrial("w/slot-2", At);
        Assert.Equivalent(state.Process(request), back.Process(request), strict: true);
    }

    [Fact]
    public void A_snapshot_written_by_an_earlier_build_is_still_read()
    {
        var plan = FakeTrials.Plan(3);
        var state = SweepState.Empty.ApplyAll(
        [
            new SweepDefined("s-1", SweepJournalFormat.Version, "name: s"),
            new TrialsPlanned(plan, 2),
            new TrialAssigned(plan[0].Id, "w/slot-0", 1, At),
            new TrialCompleted(plan[0].Id, "w/slot-0", FakeTrials.Completed(plan[0].Id, plan[0].Config)),
            new TrialAssigned(plan[1].Id, "w/slot-0", 1, At),
        ]);
        var legacy = new LegacySweepSnapshot(SweepJournalFormat.Version, state.Definition, state.MaxAttempts,
            state.DiscardedResults, state.Retries, state.Order.Select(id => state.Trials[id]).ToList());
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerFor(legacy);
        Assert.Equal("sweep-snapshot", serializer.Manifest(legacy));

        var back = SweepState.FromSnapshot((LegacySweepSnapshot)RoundTrip(legacy));

        Assert.Equivalent(state.ToSnapshot(), back.ToSnapshot(), strict: true);
        Assert.Equal(TrialPhase.Assigned, back.Trials[plan[1].Id].Phase);
    }

    /// <summary>The failure kind is typed, but journals hold it as the word they held when it was a string.</summary>
    [Fact]
    public void A_failure_event_holds_its_kind_as_the_word_journals_always_held()
    {
        var failed = new TrialAttemptFailed(Trial.Id, "w/slot-0", 1, FailureKind.Exception, "boom", false, null);
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerFor(failed);
        string json = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(failed));
        Assert.Contains("\"kind\":\"exception\",\"reason\":\"boom\"", json);
        string written = json.Replace("\"kind\":\"exception\"", "\"kind\":\"failed\"");
        var back = (TrialAttemptFailed)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(written), serializer.Manifest(failed));
        Assert.Equal(FailureKind.Failed, back.Kind);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_as_another_version()
    {
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerFor(Events()[0]);
        var error = Assert.ThrowsAny<Exception>(() => serializer.FromBinary("{}"u8.ToArray(), "trial-teleported"));
        Assert.Contains("another version", error.Message);
    }

    private object RoundTrip(object value)
    {
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerFor(value);
        return serializer.FromBinary(serializer.ToBinary(value), serializer.Manifest(value));
    }
}
