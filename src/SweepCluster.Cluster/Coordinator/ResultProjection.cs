using Akka.Actor;
using Akka.Event;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Trials;
using SweepCluster.Telemetry;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The sweep's results as a projection of the journal, off the coordinator's thread: the coordinator tells it
/// each trial that ended once the journal holds the end, in journal order, and the sink folds it once (a trials.jsonl
/// line, flushed, and a curve row, which the metrics show). What the coordinator says after a trial's end waits here
/// behind its line: the worker's <see cref="ReportAccepted"/>, the subscribers' <see cref="TrialEnded"/>
/// (<see cref="SweepSubscribers"/>, its child), and the sweep's end, so the end is signalled after every line.
/// One per node that may hold the coordinator, started beside its singleton manager and not as the coordinator's child:
/// a coordinator the journal stops still has every line it handed over written, and then the failure signalled.</summary>
internal sealed class ResultProjection : ReceiveActor
{
    private readonly ISweepResultSink _sink;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _subscribers;

    public ResultProjection(ISweepResultSink sink)
    {
        _sink = sink;
        _subscribers = Context.ActorOf(SweepSubscribers.Props(), "subscribers");
        Receive<Ended>(Record);
        Receive<Acknowledge>(acknowledge => acknowledge.Worker.Tell(acknowledge.Accepted, Sender));
        Receive<Finished>(finished => End(() => _sink.SweepFinished(finished.Summary), new SweepFinished(finished.Summary)));
        Receive<Stopped>(stopped => End(() => _sink.JournalFailed(stopped.Failure), new SweepStopped(stopped.Failure.Message)));
        Receive<SweepSubscribers.Subscribe>(subscribe => _subscribers.Forward(subscribe));
        Receive<UnsubscribeFromSweep>(unsubscribe => _subscribers.Forward(unsubscribe));
    }

    public const string ActorName = "sweep-results";

    public static Props Props(ISweepResultSink sink) => Akka.Actor.Props.Create(() => new ResultProjection(sink));

    /// <summary>The curve of a resumed sweep is whole from the start: the trials that ended before are in the metrics.</summary>
    protected override void PreStart()
    {
        try
        {
            foreach (var row in _sink.CurvesSoFar()) SweepTelemetry.RecordCurveRow(row);
        }
        catch (Exception e)
        {
            _log.Error("The result sink could not read the trials that ended before: {0}", e.Message);
        }
    }

    private void Record(Ended ended)
    {
        try
        {
            if (_sink.TrialEnded(ended.Result) is { } row) SweepTelemetry.RecordCurveRow(row);
        }
        catch (Exception e)
        {
            // The journal holds the result already (`report` and the next start rebuild the file from it): a full
            // disk or a failed write must not stop the sweep, whose journal says so itself when it cannot write.
            _log.Error("The result sink failed to record trial {0}: {1}", ended.Result.TrialId, e.Message);
        }
        _subscribers.Tell(new TrialEnded(ended.Result, ended.Attempts));
    }

    private void End(Action signal, object toSubscribers)
    {
        try
        {
            signal();
        }
        catch (Exception e)
        {
            _log.Error(e, "The result sink failed to record the end of the sweep.");
        }
        _subscribers.Tell(toSubscribers);
    }

    /// <summary>A trial ended (the journal holds it): its result and the attempts it took.</summary>
    internal sealed record Ended(TrialResult Result, int Attempts);

    /// <summary>Tell <paramref name="Worker"/> its report is taken, once the lines before are written.</summary>
    internal sealed record Acknowledge(IActorRef Worker, ReportAccepted Accepted);

    /// <summary>Every trial has ended.</summary>
    internal sealed record Finished(SweepSummary Summary);

    /// <summary>The journal failed: the coordinator stops, and the sweep with it; the failure's message says why.</summary>
    internal sealed record Stopped(Exception Failure);
}
