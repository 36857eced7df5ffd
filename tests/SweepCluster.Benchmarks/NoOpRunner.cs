using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Benchmarks;

/// <summary>Returns a completed result at once, so what is measured is the cluster's own cost per trial.</summary>
internal sealed class NoOpRunner : ITrialRunner
{
    public TrialResult Run(TrialId id, TrialConfig config, TrialRunContext context, CancellationToken cancellation) =>
        new() { TrialId = id.Value, Config = config, Status = TrialStatus.Completed };
}
