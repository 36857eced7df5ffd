using System.Collections.Frozen;
using SweepCluster.Cluster.Messages;

namespace SweepCluster.Cluster.Serialization;

/// <summary>The short, fixed wire name of every <see cref="ISweepClusterMessage"/>. A name, once shipped, never
/// changes meaning: nodes of different builds must still agree on it.</summary>
internal static class MessageManifests
{
    public static readonly FrozenDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(RequestWork)] = "rw",
        [typeof(AssignTrial)] = "at",
        [typeof(NoTrialNow)] = "nt",
        [typeof(TrialsAvailable)] = "ta",
        [typeof(TrialProgressReport)] = "tp",
        [typeof(TrialResultReport)] = "tr",
        [typeof(TrialFailureReport)] = "tf",
        [typeof(ReportAccepted)] = "ra",
        [typeof(GetSweepStatus)] = "gs",
        [typeof(SweepStatusResponse)] = "ss",
        [typeof(SubscribeToSweep)] = "su",
        [typeof(UnsubscribeFromSweep)] = "un",
        [typeof(SweepSubscribed)] = "sd",
        [typeof(TrialEnded)] = "te",
        [typeof(SweepFinished)] = "sf",
        [typeof(SweepStopped)] = "sx",
        [typeof(AssignPack)] = "ap",
    }.ToFrozenDictionary();
}
