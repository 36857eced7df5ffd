using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Trials;

/// <summary>Runs one trial to completion. Implemented by the TorchSharp trainer; actors see only this.</summary>
public interface ITrialRunner
{
    /// <summary>Trains and measures the trial. A diverged trial returns a result with status Failed; an
    /// exception means the trial could not run at all.</summary>
    TrialResult Run(TrialId id, TrialConfig config, TrialRunContext context, CancellationToken cancellation);
}

/// <summary>Where and how a trial runs, and where its progress goes.</summary>
public sealed record TrialRunContext(string Device, int Threads, IProgress<TrialProgress>? Progress = null);

/// <summary>A running trial's latest epoch and mean training loss.</summary>
public readonly record struct TrialProgress(int Epoch, int Epochs, double Loss);
