using SweepCluster.Core.Bounds;
using SweepCluster.Core.Data;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Information;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Model;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>Measures I(X;T_l) and I(Y;T_l) at every hidden layer on the fixed evaluation set (the first N test
/// points, X uniform on them). With activation noise s &gt; 0, T_l = h_l + N(0, s^2 I) and the pairwise mixture
/// bounds are used; when layers before l are noisy too, h_l is random given x, so M noise paths per input are
/// propagated and each input becomes a mixture of M components. With s = 0 the binning measure is reported
/// (a clustering measure, not MI).</summary>
internal static class LayerInformationProbe
{
    private const double SaturationMargin = 0.1;

    public static IReadOnlyList<LayerInformation> Measure(
        NoisyMlp model, Tensor testFeatures, int[] testLabels, TrialConfig config, CancellationToken cancellation)
    {
        int n = Math.Min(config.Information.EvalPoints, testLabels.Length);
        int[] labels = testLabels[..n];
        bool anyUpstreamNoise = config.InputNoise > 0 || (config.ActNoise > 0 && config.Depth > 1);
        int paths = config.ActNoise > 0 && anyUpstreamNoise ? config.Information.NoisePaths : 1;

        List<SampleMatrix> activations = PreNoiseActivations(model, testFeatures, n, paths);
        double logN = Math.Log(n);
        var layers = new List<LayerInformation>(config.Depth);
        double previousUpper = logN; // I(X;T_0) = I(X;X) = log N
        for (int l = 0; l < config.Depth; l++)
        {
            cancellation.ThrowIfCancellationRequested();
            int inputWidth = l == 0 ? (int)testFeatures.shape[1] : config.Width;
            double eta = ContractionCoefficient.ForLayer(config.Model.Activation, config.Width, inputWidth, config.ActNoise, config.Dropout);
            // Layer 1 without input noise sees the same h_1 on every path: one path is exact and M times cheaper.
            bool needsPaths = paths > 1 && (l > 0 || config.InputNoise > 0);
            SampleMatrix centers = needsPaths ? activations[l] : FirstPath(activations[l], n);
            var (estimator, lower, upper, iyt) = config.ActNoise > 0
                ? Pairwise(centers, n, labels, config.ActNoise)
                : Binned(centers, labels, config);
            layers.Add(new LayerInformation
            {
                Layer = l + 1,
                Estimator = estimator,
                IXTLower = lower,
                IXTUpper = upper,
                IYT = iyt,
                Saturated = upper >= logN - SaturationMargin,
                EtaAnalytic = eta,
                EtaEmpirical = previousUpper > 0 ? upper / previousUpper : null,
            });
            previousUpper = upper;
        }
        return layers;
    }

    /// <summary>Rows are path-major: row p * n + i is input i on noise path p.</summary>
    private static List<SampleMatrix> PreNoiseActivations(NoisyMlp model, Tensor testFeatures, int n, int paths)
    {
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor inputs = testFeatures.narrow(0, 0, n).repeat(paths, 1);
        return model.PreNoiseActivations(inputs).Select(ToMatrix).ToList();
    }

    private static SampleMatrix ToMatrix(Tensor h)
    {
        using Tensor cpu = h.detach().to(float64).cpu().contiguous();
        return new SampleMatrix(cpu.data<double>().ToArray(), (int)h.shape[0], (int)h.shape[1]);
    }

    private static SampleMatrix FirstPath(SampleMatrix all, int n) =>
        all.Rows == n ? all : new SampleMatrix(all.Data[..(n * all.Columns)], n, all.Columns);

    /// <summary>Rows are path-major, so row r belongs to input r mod n; the labels are one per input.</summary>
    private static (string, double, double, double) Pairwise(SampleMatrix centers, int n, int[] labels, double s)
    {
        int[] inputOf = Enumerable.Range(0, centers.Rows).Select(row => row % n).ToArray();
        var result = PairwiseMixtureBounds.EstimateWithLabels(centers, s, inputOf, labels);
        return ("pairwise", result.X.Lower, result.X.Upper, result.YEstimate);
    }

    private static (string, double, double, double) Binned(SampleMatrix activations, int[] labels, TrialConfig config)
    {
        bool bounded = config.Model.Activation == "tanh";
        int[] symbols = bounded
            ? BinningEstimator.Symbols(activations, config.Information.Bins, -1.0, 1.0)
            : BinningEstimator.SymbolsOverDataRange(activations, config.Information.Bins);
        double ixt = DiscreteInformation.Entropy(symbols);
        double iyt = DiscreteInformation.MutualInformation(labels, symbols);
        return ("binning", ixt, ixt, iyt);
    }
}
