using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cli.Sweeps;

/// <summary>The coordinator's sink on a node that owns the results folder: every ended trial goes to trials.jsonl and
/// its curves (one fold, <see cref="SweepResultFiles"/>) once the journal holds it, and the end of the sweep (finished,
/// or stopped by a journal failure, as a faulted <see cref="Finished"/>) is signalled to the command after every line.</summary>
public sealed class ResultFolderSink(SweepResultFiles files) : ISweepResultSink
{
    private readonly TaskCompletionSource<SweepSummary> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _endedThisRun;

    public Task<SweepSummary> Finished => _finished.Task;

    public TrialResult? Latest { get; private set; }

    /// <summary>Trials ended (and written) so far, including those recorded before a resume.</summary>
    public int Ended => files.Count;

    public IReadOnlyList<CurveRow> CurvesSoFar() => files.Curves();

    public CurveRow? TrialEnded(TrialResult result)
    {
        CrashInjection.OnPersisted(++_endedThisRun);
        var row = files.Add(result);
        Latest = result;
        return row;
    }

    public void SweepFinished(SweepSummary summary) => _finished.TrySetResult(summary);

    public void JournalFailed(Exception failure) => _finished.TrySetException(failure);
}
