using Akka.Actor;
using Akka.Hosting;
using Akka.Hosting.TestKit;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>The coordinator's results projection over a real results folder (<see cref="SweepResultFiles"/>, the fold
/// the command's sink uses): one fold feeds trials.jsonl and the curve gauge, and what follows a trial's end (the
/// worker's acknowledgement, the subscribers' news, the sweep's end) waits for its line.</summary>
public sealed class ResultProjectionTests(ITestOutputHelper output)
    : TestKit("result-projection", output, TimeSpan.FromSeconds(20), LogLevel.Warning), IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly string _folder = Directory.CreateTempSubdirectory("result-projection-").FullName;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
    }

    void IDisposable.Dispose() => Directory.Delete(_folder, recursive: true);

    private string Jsonl => Path.Combine(_folder, TrialsJsonlWriter.FileName);

    /// <summary>A completed trial of its own curve (a width no other test uses keeps the gauge's series this test's),
    /// with per-layer quantities, which the gauge leaves to the curve files.</summary>
    private static TrialResult Completed(int width, int seed, double gap) =>
        FakeTrials.Completed(new TrialId($"w{width}-s{seed}"), FakeTrials.Planned(seed).Config with { Width = width }) with
        {
            Gap = gap, Layers = [Layer(1), Layer(2)],
        };

    private static LayerInformation Layer(int l) => new()
    {
        Layer = l, Estimator = LayerEstimator.Pairwise, IXTLower = 1, IXTUpper = 2, IYT = 0.5, Saturated = false,
        EtaAnalytic = 0.9, EtaEmpirical = 0.8,
    };

    /// <summary>The gauge's gap at depth 2 for the curve of <paramref name="width"/>: labelled by the whole curve key.</summary>
    private static double Gap(int width) => SweepTelemetry.Curve.WithLabels([.. GaugeLabels("gap", width)]).Value;

    private static IEnumerable<string> GaugeLabels(string quantity, int width) =>
        [quantity, "2", .. CurveKey.Of(FakeTrials.Planned(0).Config with { Width = width }).Cells()];

    private (IActorRef Projection, SweepResultFiles Files, RecordingSink Sink) Start(params TrialResult[] endedBefore)
    {
        var files = SweepResultFiles.Rebuild(_folder, endedBefore);
        var sink = new RecordingSink(files);
        return (Sys.ActorOf(ResultProjection.Props(sink)), files, sink);
    }

    private Akka.TestKit.TestProbe Subscribe(IActorRef projection)
    {
        var subscriber = CreateTestProbe();
        projection.Tell(new SweepSubscribers.Subscribe(subscriber.Ref, null));
        subscriber.ExpectMsg<SweepSubscribed>(Patience);
        return subscriber;
    }

    [Fact]
    public void A_trials_line_is_flushed_before_its_worker_hears_that_the_report_was_accepted()
    {
        var (projection, files, _) = Start();
        using var _ = files;
        var worker = CreateTestProbe();
        var result = Completed(81, 0, 0.05);

        projection.Tell(new ResultProjection.Ended(result, 1));
        projection.Tell(new ResultProjection.Acknowledge(worker.Ref, new ReportAccepted(result.TrialId, 1)));

        worker.ExpectMsg<ReportAccepted>(Patience);
        Assert.Equal([result.TrialId.Value], TrialsJsonlIds.In(_folder));
    }

    [Fact]
    public void The_curve_gauge_shows_the_row_the_results_folder_folds_starting_from_the_trials_that_ended_before()
    {
        var (projection, files, _) = Start(Completed(82, 0, 0.02));
        using var _ = files;
        AwaitAssert(() => Assert.Equal(0.02, Gap(82), 9), Patience);

        // A second seed of the same cell ends after the resume: the gauge shows the folder's mean of both.
        projection.Tell(new ResultProjection.Ended(Completed(82, 1, 0.04), 1));

        AwaitAssert(() => Assert.Equal(0.03, Gap(82), 9), Patience);
        Assert.Equal(0.03, files.Curves().Single(r => r.Key.Width == 82).Mean("gap")!.Value, 9);
        var quantities = SweepTelemetry.Curve.GetAllLabelValues().Where(l => l.Skip(1).SequenceEqual(GaugeLabels("gap", 82).Skip(1)))
            .Select(l => l[0]).ToList();
        Assert.Contains("i_x_t_upper", quantities);
        Assert.All(quantities, q => Assert.Contains(q, CurveQuantities.TopLevel));
    }

    [Fact]
    public void Subscribers_hear_each_end_after_its_line_and_the_finish_after_every_line()
    {
        var (projection, files, sink) = Start();
        using var _ = files;
        var subscriber = Subscribe(projection);

        for (int seed = 0; seed < 3; seed++) projection.Tell(new ResultProjection.Ended(Completed(83, seed, 0.05), 1));
        projection.Tell(new ResultProjection.Finished(new SweepSummary(3, 3, 0, 0, 0)));

        for (int seed = 0; seed < 3; seed++) Assert.Equal(1, subscriber.ExpectMsg<TrialEnded>(Patience).Attempts);
        Assert.Equal(3, subscriber.ExpectMsg<SweepFinished>(Patience).Summary.Completed);
        Assert.Equal([3], sink.RecordedAtEnd);
        Assert.Equal(3, TrialsJsonlIds.In(_folder).Count);
    }

    [Fact]
    public void A_stopped_journal_is_signalled_after_the_lines_handed_over_before_it()
    {
        var (projection, files, sink) = Start();
        using var _ = files;
        var subscriber = Subscribe(projection);

        projection.Tell(new ResultProjection.Ended(Completed(84, 0, 0.05), 1));
        projection.Tell(new ResultProjection.Ended(Completed(84, 1, 0.05), 1));
        projection.Tell(new ResultProjection.Stopped(new JournalException("the journal could not be written (disk full)")));

        subscriber.ExpectMsg<TrialEnded>(Patience);
        subscriber.ExpectMsg<TrialEnded>(Patience);
        Assert.Equal("the journal could not be written (disk full)", subscriber.ExpectMsg<SweepStopped>(Patience).Reason);
        Assert.Equal(["the journal could not be written (disk full)"], sink.JournalFailures.Select(e => e.Message));
        Assert.Equal([2], sink.RecordedAtEnd);
    }

    [Fact]
    public void A_line_a_full_disk_refuses_is_logged_and_the_sweep_goes_on()
    {
        // /dev/full refuses every write with ENOSPC: trials.jsonl on a disk that has filled up.
        File.CreateSymbolicLink(Jsonl, "/dev/full");
        using var files = new SweepResultFiles(_folder);
        var sink = new RecordingSink(files);
        var projection = Sys.ActorOf(ResultProjection.Props(sink));
        var worker = CreateTestProbe();

        foreach (int seed in new[] { 0, 1 })
        {
            var result = Completed(85, seed, 0.05);
            projection.Tell(new ResultProjection.Ended(result, 1));
            projection.Tell(new ResultProjection.Acknowledge(worker.Ref, new ReportAccepted(result.TrialId, 1)));
            // The journal holds the trial: the worker's report is still accepted, and the projection lives on.
            Assert.Equal(result.TrialId, worker.ExpectMsg<ReportAccepted>(Patience).TrialId);
        }
        projection.Tell(new ResultProjection.Finished(new SweepSummary(2, 2, 0, 0, 0)));

        AwaitAssert(() => Assert.Single(sink.Finished), Patience);
        Assert.Equal(2, sink.Results.Count);
        Assert.Equal(0, files.Count);
    }
}
