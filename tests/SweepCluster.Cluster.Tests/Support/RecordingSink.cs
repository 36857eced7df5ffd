using System.Collections.Concurrent;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Support;

/// <summary>A result sink that keeps what it is given, for assertions from the test thread. Given a results folder, it
/// also records each trial there as the command's sink does (<see cref="SweepResultFiles"/>: the trials.jsonl line and
/// the curve fold), so a test runs the production path.</summary>
internal sealed class RecordingSink(SweepResultFiles? files = null) : ISweepResultSink
{
    public ConcurrentQueue<TrialResult> Results { get; } = new();
    public ConcurrentQueue<SweepSummary> Finished { get; } = new();
    public ConcurrentQueue<Exception> JournalFailures { get; } = new();
    /// <summary>How many trials had been recorded when the end (finished or stopped) was signalled.</summary>
    public ConcurrentQueue<int> RecordedAtEnd { get; } = new();

    public IReadOnlyList<CurveRow> CurvesSoFar() => files?.Curves() ?? [];

    public CurveRow? TrialEnded(TrialResult result)
    {
        Results.Enqueue(result);
        return files?.Add(result);
    }

    public void SweepFinished(SweepSummary summary)
    {
        RecordedAtEnd.Enqueue(files?.Count ?? Results.Count);
        Finished.Enqueue(summary);
    }

    public void JournalFailed(Exception failure)
    {
        RecordedAtEnd.Enqueue(files?.Count ?? Results.Count);
        JournalFailures.Enqueue(failure);
    }
}
