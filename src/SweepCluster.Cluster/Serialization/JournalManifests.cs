using System.Collections.Frozen;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Serialization;

/// <summary>The fixed manifest of every journal event and of the snapshot, as stored in the journal's rows. A name,
/// once written, keeps its meaning for good: journals outlive builds. An unknown name means a journal from a newer
/// build, and recovery stops instead of guessing.</summary>
internal static class JournalManifests
{
    public static readonly FrozenDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(SweepDefined)] = "sweep-defined",
        [typeof(TrialsPlanned)] = "trials-planned",
        [typeof(TrialAssigned)] = "trial-assigned",
        [typeof(TrialCompleted)] = "trial-completed",
        [typeof(TrialAttemptFailed)] = "trial-attempt-failed",
        [typeof(TrialReleased)] = "trial-released",
        [typeof(ResultDiscarded)] = "result-discarded",
        [typeof(LegacySweepSnapshot)] = "sweep-snapshot",
        [typeof(SweepSnapshot)] = "sweep-snapshot-compact",
    }.ToFrozenDictionary();
}
