namespace SweepCluster.Training.Optimization;

/// <summary>Applies one parameter update from the gradients already computed (and clipped).</summary>
internal interface IUpdateRule : IDisposable
{
    void Step(double alpha, double sigma);
}
