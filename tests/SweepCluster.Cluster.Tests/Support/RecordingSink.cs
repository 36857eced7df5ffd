using System.Collections.Concurrent;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Support;

/// <summary>A result sink that keeps what it is given, for assertions from the test thread.</summary>
internal sealed class RecordingSink : ISweepResultSink
{
    public ConcurrentQueue<TrialResult> Results { get; } = new();
    public ConcurrentQueue<SweepSummary> Finished { get; } = new();
    public ConcurrentQueue<string> JournalFailures { get; } = new();

    public void TrialEnded(TrialResult result) => Results.Enqueue(result);

    public void SweepFinished(SweepSummary summary) => Finished.Enqueue(summary);

    public void JournalFailed(string message) => JournalFailures.Enqueue(message);
}
