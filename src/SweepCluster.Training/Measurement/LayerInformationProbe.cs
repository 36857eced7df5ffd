using SweepCluster.Core.Bounds;
using SweepCluster.Core.Data;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Information;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
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

    /// <summary>Every member's layers (member s's test inputs in row s of <paramref name="testFeatures"/>, [S, rows, D]):
    /// the activations, the consistent estimates and each layer's bracket are computed batched over the members that
    /// share a structure.</summary>
    public static IReadOnlyList<IReadOnlyList<LayerInformation>> Measure(
        PackedNetwork network, Tensor testFeatures, IReadOnlyList<int[]> testLabels, int classes, IReadOnlyList<TrialConfig> configs,
        PairwiseKernel kernel, CancellationToken cancellation)
    {
        int n = Math.Min(configs[0].Information.EvalPoints, testLabels[0].Length); // the information settings and test size are the pack's
        int[] everyone = Enumerable.Range(0, configs.Count).ToArray();
        int[][] labels = testLabels.Select(l => l[..n]).ToArray();
        using var scope = NewDisposeScope();
        var activations = PreNoiseActivations(network, testFeatures, n, configs, everyone);
        var consistent = SamplePropagation.Estimate(network, testFeatures, n, configs, cancellation);
        var measured = Enumerable.Range(0, network.Depth).Select(l =>
        {
            cancellation.ThrowIfCancellationRequested();
            return MeasureLayer(activations, l, everyone, labels, classes, configs, kernel);
        }).ToList();
        return configs.Select((config, s) => Layers(measured.Select(layer => layer[s]!).ToList(), n, config, consistent[s])).ToList();
    }

    private static IReadOnlyList<LayerInformation> Layers(
        IReadOnlyList<LayerMeasurement> measured, int n, TrialConfig config, IReadOnlyList<ConsistentEstimate?> consistent)
    {
        double logN = Math.Log(n);
        var layers = new List<LayerInformation>(config.Depth);
        double previous = logN; // I(X;T_0) = I(X;X) = log N
        double dpiUpper = logN;
        for (int l = 0; l < config.Depth; l++)
        {
            double eta = ContractionCoefficient.ForHiddenLayer(config.Model.Activation, l + 1, config.Width, config.ActNoise, config.Dropout);
            dpiUpper = Math.Min(dpiUpper, measured[l].XUpper);
            layers.Add(new LayerInformation
            {
                Layer = l + 1,
                Estimator = measured[l].Kind == LayerInformationKind.Clustering ? LayerEstimator.Binning : LayerEstimator.Pairwise,
                Kind = measured[l].Kind,
                IXT = consistent[l]?.Estimate.Value,
                IXTSe = consistent[l]?.Estimate.StandardError,
                IXTPathDrift = consistent[l]?.PathDrift,
                IXTLower = measured[l].XLower,
                IXTUpper = measured[l].XUpper,
                IXTUpperSe = measured[l].XUpperSe,
                IXTUpperDpi = dpiUpper,
                IYT = measured[l].YEstimate,
                IYTLower = measured[l].YLower,
                IYTUpper = measured[l].YUpper,
                Saturated = measured[l].XUpper >= logN - SaturationMargin,
                EtaAnalytic = eta,
                EtaEmpirical = consistent[l] is { } estimate && previous > 0 ? estimate.Estimate.Value / previous : null,
            });
            previous = consistent[l]?.Estimate.Value ?? double.NaN;
        }
        return layers;
    }

    /// <summary>Per member, the upper bound of I(Y;T_L) on the first min(N, n) training points with their training
    /// labels, by the same estimator and noise paths as the layer probe, with the entropy H(Y) of those labels (Fano
    /// needs both); null at s = 0, where binning gives no upper bound on MI.</summary>
    public static IReadOnlyList<TrainingLabelInformation?> TrainingLabelInformationUpper(
        PackedNetwork network, Tensor trainFeatures, IReadOnlyList<int[]> trainLabels, int classes, IReadOnlyList<TrialConfig> configs,
        PairwiseKernel kernel)
    {
        int n = Math.Min(configs[0].Information.EvalPoints, trainLabels[0].Length);
        int[][] labels = trainLabels.Select(l => l[..n]).ToArray();
        using var scope = NewDisposeScope();
        int[] measured = Enumerable.Range(0, configs.Count).Where(s => configs[s].ActNoise > 0 && network.Depth >= 1).ToArray();
        var activations = PreNoiseActivations(network, trainFeatures, n, configs, measured);
        var last = MeasureLayer(activations, network.Depth - 1, measured, labels, classes, configs, kernel);
        return configs.Select((config, s) => last[s] is { } layer
            ? new TrainingLabelInformation(layer.YUpper!.Value, DiscreteInformation.Entropy(labels[s]))
            : null).ToList();
    }

    /// <summary>M paths when some layer's input is noisy (activation noise with depth &gt; 1, or input noise), else 1.</summary>
    private static int PathsFor(TrialConfig config)
    {
        bool anyUpstreamNoise = config.InputNoise > 0 || (config.ActNoise > 0 && config.Depth > 1);
        return config.ActNoise > 0 && anyUpstreamNoise ? config.Information.NoisePaths : 1;
    }

    private sealed record LayerMeasurement(
        LayerInformationKind Kind, double XLower, double XUpper, double? XUpperSe, double YEstimate, double? YLower, double? YUpper);

    /// <summary>Layer <paramref name="index"/> (0-based) of the chosen members (null for the others): binning where
    /// act_noise is 0, else the pairwise bracket, batched over the members whose centres have the same rows.</summary>
    private static LayerMeasurement?[] MeasureLayer(
        List<Tensor>?[] activations, int index, int[] chosen, int[][] labels, int classes, IReadOnlyList<TrialConfig> configs,
        PairwiseKernel kernel)
    {
        int n = labels[0].Length;
        var measured = new LayerMeasurement?[configs.Count];
        foreach (int s in chosen.Where(s => configs[s].ActNoise <= 0))
            measured[s] = Binned(ToMatrix(activations[s]![index].narrow(0, 0, n)), labels[s], configs[s]);
        // h_l is random given x when noise enters upstream: input noise, or the activation noise of layers 1..l-1.
        // Then the pair is a Monte-Carlo estimate; otherwise (layer 1 without input noise) it is an exact bound, and
        // every path carries the same h_1, so one path is exact and M times cheaper.
        var pairwise = chosen.Where(s => configs[s].ActNoise > 0)
            .GroupBy(s => SamplePropagation.UpstreamNoisy(configs[s], index) && PathsFor(configs[s]) > 1
                ? activations[s]![index].shape[0] : n);
        foreach (var group in pairwise)
        {
            int[] members = group.ToArray();
            Tensor[] centers = members.Select(s => activations[s]![index].narrow(0, 0, group.Key)).ToArray();
            // Rows are path-major, so row r belongs to input r mod n; the labels are one per input.
            int[] inputOf = Enumerable.Range(0, (int)group.Key).Select(row => row % n).ToArray();
            LabelledMixtureInformation[] results;
            if (kernel == PairwiseKernel.Tensor)
            {
                using Tensor stacked = stack(centers);
                var sums = TensorRowLogSums.Compute(stacked, members.Select(s => configs[s].ActNoise).ToArray(), n,
                    members.Select(s => (IReadOnlyList<int>)labels[s]).ToList(), classes);
                results = members.Select((s, g) => PairwiseMixtureBounds.Combine(sums[g], inputOf, labels[s])).ToArray();
            }
            else
                results = members.Select((s, g) => PairwiseMixtureBounds.EstimateWithLabels(ToMatrix(centers[g]), configs[s].ActNoise, inputOf, labels[s])).ToArray();
            for (int g = 0; g < members.Length; g++)
            {
                bool upstreamNoisy = SamplePropagation.UpstreamNoisy(configs[members[g]], index);
                var result = results[g];
                measured[members[g]] = new LayerMeasurement(
                    upstreamNoisy ? LayerInformationKind.MonteCarlo : LayerInformationKind.Exact,
                    result.X.Lower, result.X.Upper, upstreamNoisy ? result.X.UpperStandardError : null,
                    result.YEstimate, result.YLower, result.YUpper);
            }
        }
        return measured;
    }

    /// <summary>The pre-noise activations of the chosen members (null for the others), each from its own noise generator,
    /// batched over the members that take the same number of paths. Rows are path-major: row p * n + i is input i on
    /// noise path p. The tensors stay on the device, in the caller's dispose scope.</summary>
    private static List<Tensor>?[] PreNoiseActivations(
        PackedNetwork network, Tensor features, int n, IReadOnlyList<TrialConfig> configs, int[] chosen)
    {
        using var noGrad = no_grad();
        var activations = new List<Tensor>?[configs.Count];
        foreach (var group in chosen.GroupBy(s => PathsFor(configs[s])))
        {
            int[] members = group.ToArray();
            using var part = network.Select(members);
            using Tensor index = tensor(members.Select(s => (long)s).ToArray(), device: features.device);
            using Tensor inputs = features.narrow(1, 0, n).index_select(0, index);
            var layers = part.PathActivations(inputs, group.Key, coupled: false, part.Noise);
            for (int g = 0; g < members.Length; g++) activations[members[g]] = layers.Select(h => h[g]).ToList();
        }
        return activations;
    }

    private static SampleMatrix ToMatrix(Tensor h)
    {
        using Tensor values = h.detach().to(float64);
        return new SampleMatrix(HostCopy.ToArray<double>(values), (int)h.shape[0], (int)h.shape[1]);
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
