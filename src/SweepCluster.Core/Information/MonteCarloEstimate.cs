namespace SweepCluster.Core.Information;

/// <summary>A Monte-Carlo mean and its standard error, in the units of the averaged terms.</summary>
public sealed record MonteCarloEstimate(double Value, double StandardError)
{
    /// <summary>The mean of independent terms and the standard error sd / sqrt(count) (sample sd, count - 1).</summary>
    public static MonteCarloEstimate Of(IReadOnlyList<double> terms)
    {
        if (terms.Count < 2) throw new ArgumentException("A standard error needs at least two terms.", nameof(terms));
        double mean = 0;
        foreach (double t in terms) mean += t;
        mean /= terms.Count;
        double squares = 0;
        foreach (double t in terms) squares += (t - mean) * (t - mean);
        return new MonteCarloEstimate(mean, Math.Sqrt(squares / (terms.Count - 1) / terms.Count));
    }
}
