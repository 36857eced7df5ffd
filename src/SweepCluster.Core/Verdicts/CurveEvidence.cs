namespace SweepCluster.Core.Verdicts;

/// <summary>One curve's (or one compared group's) part in a prediction: its own verdict and the numbers behind it.</summary>
/// <param name="Curve">The curve, named by the settings that vary in the sweep (e.g. "width=4, act_noise=0.5").</param>
/// <param name="Detail">The evidence in one line: slopes with their intervals, violation counts, margins, or why the
/// curve is not judged.</param>
public sealed record CurveEvidence(string Curve, Verdict Verdict, string Detail);
