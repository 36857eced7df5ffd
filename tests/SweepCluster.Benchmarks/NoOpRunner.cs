using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Benchmarks;

/// <summary>Returns a completed result at once, so what is measured is the cluster's own cost per trial; it notes
/// when the first trial reached a slot.</summary>
internal sealed class NoOpRunner : ITrialRunner
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first trial is handed to a slot.</summary>
    public Task FirstTrial => _first.Task;

    public TrialResult Run(TrialId id, TrialConfig config, TrialRunContext context, CancellationToken cancellation)
    {
        _first.TrySetResult();
        return new() { TrialId = id, Config = config, Status = TrialStatus.Completed, TrainError = config.Seed * 1e-3 };
    }
}
