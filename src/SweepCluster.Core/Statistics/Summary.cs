namespace SweepCluster.Core.Statistics;

/// <summary>Mean and confidence interval of one quantity over seeds; Low, High and StdDev are null for a single seed.</summary>
public sealed record Summary(int N, double Mean, double? Low, double? High, double? StdDev);
