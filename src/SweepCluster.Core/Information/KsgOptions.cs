namespace SweepCluster.Core.Information;

/// <summary>Settings of the KSG estimator: neighbour count, per-column standardization and tie-breaking jitter.</summary>
/// <param name="K">Neighbours in the joint space; 3 is Kraskov's recommended bias/variance balance.</param>
/// <param name="Standardize">Scale every column to zero mean and unit variance first (on a copy), so one max-norm
/// treats all coordinates alike.</param>
/// <param name="Jitter">Half-width of the uniform noise added to every value after standardizing; breaks ties of
/// discretized data, which would otherwise make the strict-radius counts ill-defined. 0 disables it.</param>
/// <param name="Seed">Seed of the System.Random that draws the jitter.</param>
public sealed record KsgOptions(int K = 3, bool Standardize = true, double Jitter = 1e-10, int Seed = 0);
