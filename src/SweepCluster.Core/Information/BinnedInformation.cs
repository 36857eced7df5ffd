namespace SweepCluster.Core.Information;

/// <summary>The binning (clustering) measures of a deterministic layer, in nats: H(bins) as "I(X;T)" and the plug-in
/// I(Y;bins) as "I(Y;T)", plus how many distinct bin tuples occurred.</summary>
public sealed record BinnedInformation(double X, double Y, int DistinctSymbols);
