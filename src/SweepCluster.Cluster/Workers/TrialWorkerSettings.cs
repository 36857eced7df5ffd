namespace SweepCluster.Cluster.Workers;

/// <summary>Timing of a worker slot.</summary>
public sealed record TrialWorkerSettings
{
    /// <summary>How often an idle slot asks again without being told of work, and how often an unacknowledged report
    /// is resent: covers a coordinator that started later, moved to another node, or lost a message.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many trials of one pack key the slot asks for and trains at once (<see cref="Core.Trials.ITrialRunner.RunPack"/>);
    /// 1: one trial at a time.</summary>
    public int PackSize { get; init; } = Core.Spec.SweepSpec.MinPackSize;

    /// <summary>How many slots this node runs (set by <see cref="TrialWorkerHosting"/>); each request says it, so the
    /// coordinator counts the slots that have not asked yet when it shares out a small sweep.</summary>
    public int NodeSlots { get; init; } = 1;

    /// <summary>Where and how often the slot's trials save checkpoints; null: none.</summary>
    public Core.Trials.TrialCheckpoints? Checkpoints { get; init; }

    /// <summary>Called on the slot's thread when an assignment reaches it idle, with the time since the slot first
    /// asked for work in this idle spell (retries and "no trial now" answers included): what a slot waits for a trial.
    /// Null: not observed.</summary>
    public Action<TimeSpan>? AssignmentWaited { get; init; }
}
