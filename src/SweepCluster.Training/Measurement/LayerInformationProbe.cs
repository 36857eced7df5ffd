using SweepCluster.Core.Bounds;
using SweepCluster.Core.Data;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Information;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Model;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>Measures I(X;T_l) and I(Y;T_l) at every hidden layer on the fixed evaluation set (the first N test
/// points, X uniform on them). With activation noise s &gt; 0, T_l = h_l + N(0, s^2 I) and the pairwise mixture
/// bounds are used; when layers before l are noisy too, h_l is random given x, so M noise paths per input are
/// propagated and each input becomes a mixture of M components (a Monte-Carlo estimate, with its standard error over
/// paths), and every such layer also gets the consistent estimate i_x_t of <see cref="SamplePropagation"/>; the
/// empirical eta is the ratio of consecutive consistent estimates. With s = 0 the binning measure is reported (a clustering measure, not MI). Also measures the upper bound of
/// I(Y;T_L) on training points, for Fano's bound on the training error.</summary>
internal static class LayerInformationProbe
{
    private const double SaturationMargin = 0.1;

    public static IReadOnlyList<LayerInformation> Measure(
        NoisyMlp model, Tensor testFeatures, int[] testLabels, TrialConfig config, PairwiseKernel kernel, CancellationToken cancellation)
    {
        int n = Math.Min(config.Information.EvalPoints, testLabels.Length);
        int[] labels = testLabels[..n];
        int paths = PathsFor(config);
        using var scope = NewDisposeScope();
        List<Tensor> activations = PreNoiseActivations(model, testFeatures, n, paths);
        double logN = Math.Log(n);
        var layers = new List<LayerInformation>(config.Depth);
        IReadOnlyList<ConsistentEstimate?> consistent = SamplePropagation.Estimate(model, testFeatures, n, config, cancellation);
        double previous = logN; // I(X;T_0) = I(X;X) = log N
        double dpiUpper = logN;
        for (int l = 0; l < config.Depth; l++)
        {
            cancellation.ThrowIfCancellationRequested();
            double eta = ContractionCoefficient.ForHiddenLayer(config.Model.Activation, l + 1, config.Width, config.ActNoise, config.Dropout);
            var measured = MeasureLayer(activations[l], n, labels, l, paths, config, kernel);
            dpiUpper = Math.Min(dpiUpper, measured.XUpper);
            layers.Add(new LayerInformation
            {
                Layer = l + 1,
                Estimator = measured.Kind == LayerInformationKind.Clustering ? LayerEstimator.Binning : LayerEstimator.Pairwise,
                Kind = measured.Kind,
                IXT = consistent[l]?.Estimate.Value,
                IXTSe = consistent[l]?.Estimate.StandardError,
                IXTPathDrift = consistent[l]?.PathDrift,
                IXTLower = measured.XLower,
                IXTUpper = measured.XUpper,
                IXTUpperSe = measured.XUpperSe,
                IXTUpperDpi = dpiUpper,
                IYT = measured.YEstimate,
                IYTLower = measured.YLower,
                IYTUpper = measured.YUpper,
                Saturated = measured.XUpper >= logN - SaturationMargin,
                EtaAnalytic = eta,
                EtaEmpirical = consistent[l] is { } estimate && previous > 0 ? estimate.Estimate.Value / previous : null,
            });
            previous = consistent[l]?.Estimate.Value ?? double.NaN;
        }
        return layers;
    }

    /// <summary>The upper bound of I(Y;T_L) on the first min(N, n) training points with their training labels, by the
    /// same estimator and noise paths as the layer probe, with the entropy H(Y) of those labels (Fano needs both);
    /// null at s = 0, where binning gives no upper bound on MI.</summary>
    public static TrainingLabelInformation? TrainingLabelInformationUpper(
        NoisyMlp model, Tensor trainFeatures, int[] trainLabels, TrialConfig config, PairwiseKernel kernel)
    {
        if (config.ActNoise <= 0 || config.Depth < 1) return null;
        int n = Math.Min(config.Information.EvalPoints, trainLabels.Length);
        int[] labels = trainLabels[..n];
        int paths = PathsFor(config);
        using var scope = NewDisposeScope();
        Tensor last = PreNoiseActivations(model, trainFeatures, n, paths)[^1];
        double upper = MeasureLayer(last, n, labels, config.Depth - 1, paths, config, kernel).YUpper!.Value;
        return new TrainingLabelInformation(upper, DiscreteInformation.Entropy(labels));
    }

    /// <summary>M paths when some layer's input is noisy (activation noise with depth &gt; 1, or input noise), else 1.</summary>
    private static int PathsFor(TrialConfig config)
    {
        bool anyUpstreamNoise = config.InputNoise > 0 || (config.ActNoise > 0 && config.Depth > 1);
        return config.ActNoise > 0 && anyUpstreamNoise ? config.Information.NoisePaths : 1;
    }

    private sealed record LayerMeasurement(
        LayerInformationKind Kind, double XLower, double XUpper, double? XUpperSe, double YEstimate, double? YLower, double? YUpper);

    /// <param name="index">0-based layer index.</param>
    private static LayerMeasurement MeasureLayer(
        Tensor all, int n, int[] labels, int index, int paths, TrialConfig config, PairwiseKernel kernel)
    {
        if (config.ActNoise <= 0) return Binned(ToMatrix(all.narrow(0, 0, n)), labels, config);
        // h_l is random given x when noise enters upstream: input noise, or the activation noise of layers 1..l-1.
        // Then the pair is a Monte-Carlo estimate; otherwise (layer 1 without input noise) it is an exact bound, and
        // every path carries the same h_1, so one path is exact and M times cheaper.
        bool upstreamNoisy = SamplePropagation.UpstreamNoisy(config, index);
        Tensor centers = upstreamNoisy && paths > 1 ? all : all.narrow(0, 0, n);
        // Rows are path-major, so row r belongs to input r mod n; the labels are one per input.
        int[] inputOf = Enumerable.Range(0, (int)centers.shape[0]).Select(row => row % n).ToArray();
        var result = kernel == PairwiseKernel.Tensor
            ? PairwiseMixtureBounds.Combine(TensorRowLogSums.Compute(centers, config.ActNoise, n, labels), inputOf, labels)
            : PairwiseMixtureBounds.EstimateWithLabels(ToMatrix(centers), config.ActNoise, inputOf, labels);
        return new LayerMeasurement(
            upstreamNoisy ? LayerInformationKind.MonteCarlo : LayerInformationKind.Exact,
            result.X.Lower, result.X.Upper, upstreamNoisy ? result.X.UpperStandardError : null,
            result.YEstimate, result.YLower, result.YUpper);
    }

    /// <summary>Rows are path-major: row p * n + i is input i on noise path p. The tensors stay on the model's device, in
    /// the caller's dispose scope.</summary>
    private static List<Tensor> PreNoiseActivations(NoisyMlp model, Tensor features, int n, int paths)
    {
        model.eval();
        using var noGrad = no_grad();
        return model.PathActivations(features.narrow(0, 0, n), paths, coupled: false, model.Noise).Select(h => h.detach()).ToList();
    }

    private static SampleMatrix ToMatrix(Tensor h)
    {
        using Tensor cpu = h.detach().to(float64).cpu().contiguous();
        return new SampleMatrix(cpu.data<double>().ToArray(), (int)h.shape[0], (int)h.shape[1]);
    }

    private static LayerMeasurement Binned(SampleMatrix activations, int[] labels, TrialConfig config)
    {
        bool bounded = config.Model.Activation == ActivationKind.Tanh;
        int[] symbols = bounded
            ? BinningEstimator.Symbols(activations, config.Information.Bins, -1.0, 1.0)
            : BinningEstimator.SymbolsOverDataRange(activations, config.Information.Bins);
        double ixt = DiscreteInformation.Entropy(symbols);
        double iyt = DiscreteInformation.MutualInformation(labels, symbols);
        return new LayerMeasurement(LayerInformationKind.Clustering, ixt, ixt, null, iyt, null, null);
    }
}

/// <summary>An upper value of I(Y;T_L) on training points and the entropy H(Y) of their labels, in nats.</summary>
internal sealed record TrainingLabelInformation(double Upper, double LabelEntropy);
