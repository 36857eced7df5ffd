namespace SweepCluster.Integration.Tests.Chaos;

/// <summary>How soon a dead worker's trial must be given back: the resolver's stable-after plus a stated margin.</summary>
internal static class GiveBackBound
{
    /// <summary>cluster-config/akka.hocon's split-brain-resolver.stable-after: the coordinator downs a worker node
    /// that has been unreachable this long and gives its trials back.</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(5);

    /// <summary>Failure detection before that (a 3 s acceptable heartbeat pause after a 1 s heartbeat, plus the phi
    /// threshold's slack), the coordinator's half-second check, the journal write, and a loaded machine's delays.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(8);

    public static TimeSpan Total => StableAfter + Margin;
}
