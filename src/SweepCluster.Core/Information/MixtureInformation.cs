namespace SweepCluster.Core.Information;

/// <summary>Lower and upper bounds on I(X;T) in nats for T = C + N(0, s^2 I), C a finite Gaussian-mixture centre.</summary>
public sealed record MixtureInformation(double Lower, double Upper);
