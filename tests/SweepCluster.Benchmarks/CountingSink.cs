using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Benchmarks;

/// <summary>Counts ended trials and signals the end of the sweep.</summary>
internal sealed class CountingSink : ISweepResultSink
{
    private readonly TaskCompletionSource<SweepSummary> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Ended { get; private set; }
    public Task<SweepSummary> Finished => _finished.Task;

    public IReadOnlyList<CurveRow> CurvesSoFar() => [];

    public CurveRow? TrialEnded(TrialResult result)
    {
        Ended++;
        return null;
    }

    public void SweepFinished(SweepSummary summary) => _finished.TrySetResult(summary);

    public void JournalFailed(Exception failure) => _finished.TrySetException(failure);
}
