using Akka.Actor;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Serialization;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Serialization;

public sealed class SerializationRoundTripTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private static readonly PlannedTrial Trial = FakeTrials.Planned(7);

    /// <summary>One instance of every message, with every optional part filled in.</summary>
    private static IReadOnlyList<ISweepClusterMessage> Samples() =>
    [
        new RequestWork("akka.tcp://sweepcluster@127.0.0.1:4053/slot-0", "cuda:1"),
        new RequestWork("w/slot-1", "cpu", Capacity: 8),
        new AssignTrial(Trial.Id, Trial.Config, 2),
        new AssignPack([new AssignTrial(Trial.Id, Trial.Config, 1), new AssignTrial(new TrialId("t-8"), FakeTrials.Planned(8).Config, 2)]),
        NoTrialNow.Instance,
        TrialsAvailable.Instance,
        new TrialProgressReport("w/slot-0", Trial.Id, 1, 3, 20, double.NaN),
        new TrialResultReport("w/slot-0", Trial.Id, 1, RichResult()),
        new TrialFailureReport("w/slot-0", Trial.Id, 2, FailureKind.Exception, "OutOfMemoryException: CUDA out of memory"),
        new ReportAccepted(Trial.Id, 2),
        GetSweepStatus.Instance,
        new SweepStatusResponse(10, 3, 2, 4, 1, 2, 5, false,
            [new RunningTrialStatus(Trial.Id, "w/slot-0", 1, 3, 20, 0.25), new RunningTrialStatus(new TrialId("t-9"), "w/slot-1", 2, 0, 0, null)],
            new TrialId("t-3"), 2),
        new SweepStatusResponse(0, 0, 0, 0, 0, 0, 0, false, [], null, 0),
        new UnsubscribeFromSweep(ActorRefs.Nobody),
        SweepSubscribed.Instance,
        new TrialEnded(RichResult(), 2),
        new SweepFinished(new SweepSummary(10, 8, 2, 1, 3)),
        new SweepStopped("the journal could not be written (disk full)"),
    ];

    [Fact]
    public void Every_message_type_is_bound_to_the_json_serializer_and_has_a_sample()
    {
        var messageTypes = typeof(ISweepClusterMessage).Assembly.GetTypes()
            .Where(t => typeof(ISweepClusterMessage).IsAssignableFrom(t) && !t.IsInterface).ToHashSet();
        var sampled = Samples().Select(m => m.GetType()).Append(typeof(SubscribeToSweep)).ToHashSet();

        Assert.Equal(messageTypes.OrderBy(t => t.Name), sampled.OrderBy(t => t.Name));
        Assert.All(Samples(), m => Assert.IsType<SweepClusterSerializer>(Sys.Serialization.FindSerializerFor(m)));
    }

    [Fact]
    public void Every_message_survives_a_round_trip()
    {
        foreach (var message in Samples())
        {
            var back = RoundTrip(message);
            Assert.IsType(message.GetType(), back);
            if (message is UnsubscribeFromSweep) Assert.Equal(message, back);
            else Assert.Equivalent(message, back, strict: true);
        }
    }

    [Fact]
    public void A_message_carrying_an_actor_ref_resolves_to_the_same_actor()
    {
        var observer = CreateTestProbe();

        var back = (SubscribeToSweep)RoundTrip(new SubscribeToSweep(observer.Ref, EndOnly: true));

        Assert.Equal(observer.Ref, back.Subscriber);
        Assert.True(back.EndOnly);
        back.Subscriber.Tell("ping");
        observer.ExpectMsg("ping", Patience);
    }

    [Fact]
    public void Manifests_are_short_and_distinct()
    {
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerForType(typeof(RequestWork));
        var manifests = Samples().Select(serializer.Manifest).Distinct().ToList();
        Assert.All(manifests, m => Assert.InRange(m.Length, 1, 3));
        Assert.Equal(Samples().Select(m => m.GetType()).Distinct().Count(), manifests.Count);
    }

    [Fact]
    public void A_request_for_work_from_an_earlier_build_asks_for_one_trial()
    {
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerFor(new RequestWork("w", "cpu"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(serializer.ToBinary(new RequestWork("w/slot-0", "cpu", 8)))!.AsObject();
        Assert.True(json.Remove("capacity"), json.ToJsonString());

        var back = (RequestWork)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), serializer.Manifest(new RequestWork("w", "cpu")));

        Assert.Equal(new RequestWork("w/slot-0", "cpu", 1), back);
    }

    private object RoundTrip(ISweepClusterMessage message)
    {
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        return serializer.FromBinary(bytes, serializer.Manifest(message));
    }

    private static TrialResult RichResult() => FakeTrials.Completed(Trial.Id, Trial.Config) with
    {
        Run = new TrialRunEcho
        {
            Classes = 4, InputDimension = 20, Steps = 300, Parameters = 1000, TrainedParameters = 1000, OutputParameters = 36,
            LossSigma = 0.5, AlphaFirst = 0.05, AlphaLast = 0.01, SigmaFirst = 0, SigmaLast = 0, Device = "cpu", Threads = 2,
            Dataset = "synthetic",
        },
        Layers =
        [
            new LayerInformation
            {
                Layer = 1, Estimator = LayerEstimator.Pairwise, IXTLower = 1.2, IXTUpper = 1.5, IYT = 0.9, Saturated = false,
                EtaAnalytic = 0.8, EtaEmpirical = null,
            },
        ],
        ISgld = new SgldInformation { Reason = "no update noise" },
        Bounds = new TrialBounds
        {
            BXrOut = new BoundValue { Value = 0.3, Vacuous = false, Certified = true },
            BPaper = BoundValue.Undefined("sigma is zero"),
            BIsmi = new BoundValue { Value = double.PositiveInfinity, Vacuous = true },
        },
        FanoLower = 0.01,
        Timings = new TrialTimings { DataSeconds = 0.1, TrainSeconds = 2, TotalSeconds = 2.5 },
    };
}
