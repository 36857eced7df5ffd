namespace SweepCluster.Core.Information;

/// <summary>Lower and upper bounds on I(X;T) in nats for T = C + N(0, s^2 I), C a finite Gaussian-mixture centre.</summary>
/// <param name="UpperStandardError">With M &gt; 1 Monte-Carlo paths per input: the standard error of the upper value's
/// outer average grouped by path (see <see cref="PairwiseMixtureBounds"/>); null with one row per input.</param>
public sealed record MixtureInformation(double Lower, double Upper, double? UpperStandardError = null);
