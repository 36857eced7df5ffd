namespace SweepCluster.Cli.Sweeps;

/// <summary>This process's node was downed or removed from its cluster, so it ends (exit code 5) rather than linger;
/// the message says so in one sentence.</summary>
internal sealed class NodeLostException(string message) : Exception(message);
