using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Sessions;

/// <summary>A sweep ready to run: its folder, the spec in force, its journal (locked for this process) and, when it
/// resumes, what the journal already holds.</summary>
public sealed record OpenedSweep(
    string Dir,
    SweepFolder Folder,
    SweepSpec Spec,
    string SpecYaml,
    JournalSettings Journal,
    JournalLock Lock,
    SweepReplay? Replay) : IAsyncDisposable
{
    /// <summary>The folder whose sweep the spec could not continue, when --force-new started this one instead.</summary>
    public string? InsteadOf { get; init; }

    public ValueTask DisposeAsync() => Lock.DisposeAsync();
}
