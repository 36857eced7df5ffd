using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cli.Sweeps;

/// <summary>The coordinator's sink on a node that owns the results folder: every ended trial goes to trials.jsonl at
/// once (a crash never loses a completed trial), and the end of the sweep is signalled to the command.</summary>
public sealed class ResultFolderSink(SweepResultFiles files) : ISweepResultSink
{
    private readonly TaskCompletionSource<SweepSummary> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<SweepSummary> Finished => _finished.Task;

    public TrialResult? Latest { get; private set; }

    /// <summary>Trials ended (and written) so far.</summary>
    public int Ended { get; private set; }

    public void TrialEnded(TrialResult result)
    {
        files.Add(result);
        Latest = result;
        Ended++;
    }

    public void SweepFinished(SweepSummary summary) => _finished.TrySetResult(summary);
}
