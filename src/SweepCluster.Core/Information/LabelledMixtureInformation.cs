namespace SweepCluster.Core.Information;

/// <summary>I(X;T) bounds together with I(Y;T) bounds and a point estimate, all in nats, for labelled inputs.</summary>
/// <param name="X">The I(X;T) bounds, clamped to [0, log N].</param>
/// <param name="YLower">I(X;T) lower minus the class-weighted conditional upper bounds, clamped to [0, log C].</param>
/// <param name="YUpper">I(X;T) upper minus the class-weighted conditional lower bounds, clamped to [0, log C].</param>
/// <param name="YEstimate">The pairwise-KL estimator used on both sides of I(Y;T) = I(X;T) - I(X;T|Y), clamped to
/// [0, log C]: not a bound, but free of the mixed-estimator slack that makes [YLower, YUpper] wide.</param>
public sealed record LabelledMixtureInformation(MixtureInformation X, double YLower, double YUpper, double YEstimate);
