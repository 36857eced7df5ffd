using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Trials;

/// <summary>Runs one trial to completion. Implemented by the TorchSharp trainer; actors see only this.</summary>
public interface ITrialRunner
{
    /// <summary>Trains and measures the trial. A diverged trial returns a result with status Failed; an
    /// exception means the trial could not run at all.</summary>
    TrialResult Run(TrialId id, TrialConfig config, TrialRunContext context, CancellationToken cancellation);

    /// <summary>Runs trials that share a <see cref="TrialPacking.Key"/> and returns one result per member, in order.
    /// This default runs them one after another; a runner that trains them as one batched network overrides it. An
    /// exception means no member could run.</summary>
    IReadOnlyList<TrialResult> RunPack(IReadOnlyList<PackMember> members, TrialRunContext context, CancellationToken cancellation) =>
        members.Select(m => Run(m.Id, m.Config, context with { Progress = m.Progress }, cancellation)).ToList();
}

/// <summary>One trial of a pack, with where its own progress goes.</summary>
public sealed record PackMember(TrialId Id, TrialConfig Config, IProgress<TrialProgress>? Progress = null);

/// <summary>Where and how a trial runs, where its progress goes, and where it keeps checkpoints (none when null).</summary>
public sealed record TrialRunContext(
    string Device, int Threads, IProgress<TrialProgress>? Progress = null, TrialCheckpoints? Checkpoints = null);

/// <summary>A trial saves its training state every <paramref name="EveryEpochs"/> epochs to
/// <paramref name="Directory"/>/&lt;trial id&gt;.ckpt; a trial that finds its checkpoint continues from it, and the
/// file is removed when the trial ends.</summary>
public sealed record TrialCheckpoints(string Directory, int EveryEpochs);

/// <summary>A running trial's latest epoch and mean training loss.</summary>
public readonly record struct TrialProgress(int Epoch, int Epochs, double Loss);
