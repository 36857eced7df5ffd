namespace SweepCluster.Core.Information;

/// <summary>An MI estimate next to the distribution of the same estimator on row-shuffled (independent) pairs.</summary>
/// <param name="Estimate">The estimate on the data as paired.</param>
/// <param name="Low">2.5% quantile of the shuffled estimates.</param>
/// <param name="High">97.5% quantile of the shuffled estimates.</param>
/// <param name="Max">Largest shuffled estimate.</param>
/// <param name="NullEstimates">Every shuffled estimate, in shuffle order.</param>
public sealed record PermutationTestResult(double Estimate, double Low, double High, double Max, IReadOnlyList<double> NullEstimates)
{
    /// <summary>True when the estimate lies inside the central 95% of the null: no evidence of dependence.</summary>
    public bool WithinNull => Estimate >= Low && Estimate <= High;
}
