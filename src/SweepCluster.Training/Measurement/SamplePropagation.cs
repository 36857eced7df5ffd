using SweepCluster.Core.Grid;
using SweepCluster.Core.Information;
using SweepCluster.Core.Spec;
using SweepCluster.Training.Data;
using SweepCluster.Training.Model;
using SweepCluster.Training.Running;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Training.Measurement;

/// <summary>The consistent estimate of I(X;T_l) at every hidden layer with activation noise s &gt; 0, by sample
/// propagation (Goldfeld et al., ICML 2019): given input x_i, T_l = h_l + N(0, s^2 I) with h_l random through the noise
/// of the layers before it, so p(t | x_i) is approximated by the mixture (1/M) sum_p N(t; h_l(x_i, path p), s^2 I) over M
/// propagated paths, and p(t) by the mixture over all N x M paths. I = E[log p(T | X) - log p(T)] is integrated by fresh
/// draws t = h_l(x_i, fresh path) + s z, K per input, independent of the mixtures' paths; the standard error is that
/// of the mean over the N K draws.</summary>
/// <remarks>
/// <para>Why not the pairwise bracket: past layer 1 its upper value is mostly slack (0.53 against a true 0.03 nats at
/// layer 2 of a frozen width-4 s = 2 net), and the slack differs by layer. Why fresh draws: a draw from one of the
/// mixture's own components sits near it and overstates log p(t | x) (about +0.01 nats a layer at width 4, s = 2);
/// leaving it out understates it by about as much.</para>
/// <para>The paths are coupled (common random numbers): path p adds the same noise to every input. Each input's M paths
/// are still independent draws of its h_l, so both mixtures stay consistent as M grows, but the numerator and the
/// denominator then err together: at width 16, s = 1, layer 4, 128 coupled paths were within 0.05 nats of the reference
/// where 128 independent ones were 0.8 nats below it. The finite-path error is not in the standard error; the
/// nested Monte-Carlo test measures it (docs/SCIENCE.md section 5.3).</para>
/// <para>Cost: N K draws against N M centres per layer, one exponent each; the centres are made M_chunk paths at a time
/// so memory stays N M_chunk w per layer. Everything runs on one torch thread in a fixed order, so the numbers do not
/// depend on the thread count. Its draws come from a generator of their own, so measuring it moves no other draw.</para>
/// </remarks>
internal static class SamplePropagation
{
    /// <summary>About this many centres (columns) per block against all draws.</summary>
    private const int ColumnsPerBlock = 2048;

    /// <summary>At most this many exponents (float32, 32 MB) in memory at once.</summary>
    private const long MaxBlockTerms = 1L << 23;

    /// <summary>One estimate per hidden layer (null where act_noise is 0: no finite I(X;T) to estimate), with its drift:
    /// the estimate from all M paths minus the one from the first M/2. The finite-path error falls roughly like 1/M, so
    /// the drift is about the error that remains; a drift beyond the standard error says the paths are too few for this
    /// net (wide layers with little noise), whatever the standard error says.</summary>
    /// <param name="features">The inputs, [rows, D]; the first <paramref name="n"/> are the evaluation set.</param>
    public static IReadOnlyList<ConsistentEstimate?> Estimate(
        NoisyMlp model, Tensor features, int n, TrialConfig config, CancellationToken cancellation)
    {
        if (config.ActNoise <= 0 || config.Depth < 1) return new ConsistentEstimate?[config.Depth];
        int paths = config.Information.MixturePaths ?? InformationSettings.DefaultMixturePaths;
        int draws = config.Information.MixtureDraws ?? InformationSettings.DefaultMixtureDraws;
        double s = config.ActNoise;
        using var oneThread = new OneTorchThread(features.device);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        using var generator = new Generator((ulong)SeedStreams.Derive(config.Seed, 0x4D50), features.device); // "MP"
        Tensor inputs = features.narrow(0, 0, n);
        // The draws: K fresh independent paths per input, then the layer's own noise.
        List<Tensor> samples;
        using (Scalar noise = s.ToScalar())
            samples = model.PathActivations(inputs, draws, coupled: false, generator)
                .Select(h => h.Plus(randn(h.shape, h.dtype, h.device, generator: generator) * noise).to(float64)).ToList();
        var sums = samples.Select(t => new DensitySums(t, n, s)).ToList();
        int chunk = Math.Max(1, ColumnsPerBlock / n), half = paths / 2;
        foreach (var (first, count) in Blocks(0, half, chunk).Concat(Blocks(half, paths, chunk)))
        {
            cancellation.ThrowIfCancellationRequested();
            using var block = NewDisposeScope();
            var centres = model.PathActivations(inputs, count, coupled: true, generator);
            for (int l = 0; l < config.Depth; l++)
            {
                // Without noise upstream every path of layer l carries the same h_l: one path is the whole mixture.
                if (!UpstreamNoisy(config, l)) { if (first == 0) sums[l].Add(centres[l].narrow(0, 0, n).to(float64)); }
                else sums[l].Add(centres[l].to(float64));
            }
            if (first + count == half) foreach (var sum in sums) sum.KeepHalf();
        }
        return sums.Select((sum, l) => (ConsistentEstimate?)sum.Estimate(UpstreamNoisy(config, l))).ToList();
    }

    /// <summary>Consecutive blocks of at most <paramref name="size"/> paths covering [from, to).</summary>
    private static IEnumerable<(int First, int Count)> Blocks(int from, int to, int size)
    {
        for (int first = from; first < to; first += size) yield return (first, Math.Min(size, to - first));
    }

    /// <summary>Layer l's h_l is random given x when noise enters before it: input noise, or an earlier layer's.</summary>
    internal static bool UpstreamNoisy(TrialConfig config, int index) => config.InputNoise > 0 || index > 0;

    /// <summary>Per draw, log sum over all centres and over its own input's centres of exp(-|t - c|^2 / (2 s^2)), added
    /// block by block (log-sum-exp, so no term underflows whatever the width).</summary>
    /// <remarks>A block's exponents are one matrix product of augmented rows, [t / s^2, -|t|^2 / (2 s^2), 1] .
    /// [c, 1, -|c|^2 / (2 s^2)] = -|t - c|^2 / (2 s^2), in float32, about twice the throughput of float64: the rows are
    /// centred on the draws' mean first, so an exponent's rounding error is about 1e-7 of |t|^2 / s^2, far below the
    /// estimate's standard error; the sums across blocks are float64.</remarks>
    private sealed class DensitySums
    {
        private readonly Tensor _left, _mean, _ownInput;
        private readonly int _inputs;
        private readonly double _s;
        private Tensor? _all, _own;
        private long _centres, _ownCentres;
        private MonteCarloEstimate? _half;

        /// <param name="draws">[K * n, w] float64, path-major: row k * n + i is a draw of input i.</param>
        public DensitySums(Tensor draws, int inputs, double s)
        {
            _inputs = inputs;
            _s = s;
            long rows = draws.shape[0];
            _mean = draws.mean([0], keepdim: true);
            Tensor t = draws - _mean;
            using Scalar variance = (s * s).ToScalar(), minusTwoVariances = (-2 * s * s).ToScalar(), stop = rows.ToScalar(), modulus = inputs.ToScalar();
            _left = cat([t / variance, t.Squared().sum(1, keepdim: true) / minusTwoVariances, ones(rows, 1, float64, draws.device)], 1)
                .to(float32);
            _ownInput = (arange(Scalars.Zero, stop, Scalars.One, int64, draws.device) % modulus).view(rows, 1, 1);
        }

        /// <param name="centres">[P * n, w] float64, path-major.</param>
        public void Add(Tensor centres)
        {
            long rows = _left.shape[0], columns = centres.shape[0], pathsHere = columns / _inputs;
            Tensor c = centres - _mean;
            using Scalar minusTwoVariances = (-2 * _s * _s).ToScalar();
            Tensor right = cat([c, ones(columns, 1, float64, c.device), c.Squared().sum(1, keepdim: true) / minusTwoVariances], 1)
                .to(float32);
            // Rows a tile at a time, so a block's exponents stay within MaxBlockTerms whatever N is.
            long tile = Math.Max(1, MaxBlockTerms / columns);
            var allParts = new List<Tensor>();
            var ownParts = new List<Tensor>();
            for (long first = 0; first < rows; first += tile)
            {
                long count = Math.Min(tile, rows - first);
                Tensor exponent = _left.narrow(0, first, count).mm(right.t());
                ownParts.Add(exponent.view(count, pathsHere, _inputs)
                    .gather(2, _ownInput.narrow(0, first, count).expand(count, pathsHere, 1)).squeeze(2).logsumexp(1).to(float64));
                // log-sum-exp in place, with every term raised to at least e^-80 of its row's largest: such a term adds
                // at most 2e-35 of it, and float32 exp never meets the subnormal numbers that make it several times
                // slower (terms far below the largest are the rule in narrow layers with little noise).
                Tensor largest = exponent.amax([1], keepdim: true);
                allParts.Add(exponent.sub_(largest).clamp_min_(Scalars.ExponentFloor).exp_().sum(1).to(float64).log_().PlusInPlace(largest.squeeze(1).to(float64)));
            }
            Tensor all = cat(allParts, 0), own = cat(ownParts, 0);
            _all = _all is null ? all.MoveToOuterDisposeScope() : logaddexp(_all, all).MoveToOuterDisposeScope();
            _own = _own is null ? own.MoveToOuterDisposeScope() : logaddexp(_own, own).MoveToOuterDisposeScope();
            _centres += columns;
            _ownCentres += pathsHere;
        }

        /// <summary>Takes the estimate from the paths added so far (half of them) for the drift.</summary>
        public void KeepHalf() => _half = _all is null ? null : Current();

        /// <param name="pathsMatter">False where every path carries the same centres (no noise upstream): no drift.</param>
        public ConsistentEstimate Estimate(bool pathsMatter)
        {
            var full = Current();
            return new ConsistentEstimate(full, pathsMatter && _half is { } half ? full.Value - half.Value : null);
        }

        /// <summary>The mean over draws of log p(t | x) - log p(t), each mixture's 1/count included.</summary>
        private MonteCarloEstimate Current()
        {
            using Scalar logOwn = Math.Log(_ownCentres).ToScalar(), logAll = Math.Log(_centres).ToScalar();
            using Tensor terms = (_own! - logOwn) - (_all! - logAll);
            using Tensor cpu = terms.cpu();
            return MonteCarloEstimate.Of(cpu.data<double>().ToArray());
        }
    }
}

/// <summary>i_x_t with its Monte-Carlo standard error and its path drift (null where the paths do not matter).</summary>
internal sealed record ConsistentEstimate(MonteCarloEstimate Estimate, double? PathDrift);
