namespace SweepCluster.Cluster.Messages;

/// <summary>Marker of every message that may cross the wire; bound to <c>SweepClusterSerializer</c>.</summary>
internal interface ISweepClusterMessage;
