using System.Runtime.InteropServices;
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
/// so memory stays N M_chunk w per layer. A pack's members that share a structure run as one batch (one product per
/// block for all of them, each member's draws against its own centres only); on the CPU, layers up to 32 wide skip the
/// product: <see cref="MixtureBlockSums"/> makes each exponent and sums it in one pass, its rows spread over the trial's
/// threads. libtorch runs on one thread in a fixed order and every row's sum is made the same way whichever thread
/// takes it, so the numbers do not depend on the thread count. Its draws come from a generator of their own, so measuring it moves no other draw.</para>
/// </remarks>
internal static class SamplePropagation
{
    /// <summary>About this many centres (columns) per block against all draws.</summary>
    private const int ColumnsPerBlock = 2048;

    /// <summary>At most this many exponents of one member (float32, 0.5 MB) at once, four members per product
    /// (<see cref="MembersPerProduct"/>): a product's 2 MB are still in the cache while they are summed. In a benchmark
    /// process (without the product's MKL settings) the quickstart's estimate phase in packs of 32 took 23.3 s with 8 MB
    /// products against 15.6 s with 2 MB.</summary>
    private const long MaxBlockTerms = 1L << 17;

    /// <summary>Members whose blocks go through one batched product. Neither this nor the block depends on the pack.</summary>
    private const int MembersPerProduct = 4;

    /// <summary>One estimate per hidden layer (null where act_noise is 0: no finite I(X;T) to estimate), with its drift:
    /// the estimate from all M paths minus the one from the first M/2. The finite-path error falls roughly like 1/M, so
    /// the drift is about the error that remains; a drift beyond the standard error says the paths are too few for this
    /// net (wide layers with little noise), whatever the standard error says.</summary>
    /// <param name="features">The inputs, [rows, D]; the first <paramref name="n"/> are the evaluation set.</param>
    public static IReadOnlyList<ConsistentEstimate?> Estimate(
        NoisyMlp model, Tensor features, int n, TrialConfig config, CancellationToken cancellation)
    {
        using var network = new PackedNetwork([model]);
        using Tensor one = features.unsqueeze(0);
        return Estimate(network, one, n, [config], cancellation)[0];
    }

    /// <summary>The estimates of every member of a pack (member s's inputs in row s of <paramref name="features"/>,
    /// [S, rows, D]), batched over the members that share a structure (activation noise, and input noise or not): member
    /// s draws from a generator of its own seed, so its estimates are those it has alone.</summary>
    public static IReadOnlyList<IReadOnlyList<ConsistentEstimate?>> Estimate(
        PackedNetwork network, Tensor features, int n, IReadOnlyList<TrialConfig> configs, CancellationToken cancellation)
    {
        var estimates = configs.Select(c => (IReadOnlyList<ConsistentEstimate?>)new ConsistentEstimate?[c.Depth]).ToArray();
        var groups = Enumerable.Range(0, configs.Count)
            .Where(s => configs[s].ActNoise > 0 && configs[s].Depth >= 1)
            .GroupBy(s => configs[s].InputNoise > 0);
        foreach (var group in groups)
        {
            int[] members = group.ToArray();
            using var part = network.Select(members);
            using Tensor index = tensor(members.Select(s => (long)s).ToArray(), device: features.device);
            using Tensor inputs = features.narrow(1, 0, n).index_select(0, index);
            var found = EstimateGroup(part, inputs, members.Select(s => configs[s]).ToList(), cancellation);
            for (int g = 0; g < members.Length; g++) estimates[members[g]] = found[g];
        }
        return estimates;
    }

    /// <param name="inputs">[S, n, D]: the evaluation set of each member.</param>
    private static IReadOnlyList<ConsistentEstimate?>[] EstimateGroup(
        PackedNetwork network, Tensor inputs, IReadOnlyList<TrialConfig> configs, CancellationToken cancellation)
    {
        TrialConfig config = configs[0]; // the information settings, depth and input noise's presence are the group's
        int n = (int)inputs.shape[1];
        int paths = config.Information.MixturePaths ?? InformationSettings.DefaultMixturePaths;
        int draws = config.Information.MixtureDraws ?? InformationSettings.DefaultMixtureDraws;
        double[] s = configs.Select(c => c.ActNoise).ToArray();
        using var oneThread = new OneTorchThread(inputs.device);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var generators = configs.Select(c => new Generator((ulong)SeedStreams.Derive(c.Seed, 0x4D50), inputs.device)).ToList(); // "MP"
        try
        {
            // The draws: K fresh independent paths per input, then the layer's own noise.
            var samples = network.PathActivations(inputs, draws, coupled: false, generators)
                .Select(h => h.Plus(MemberDraws.Normal(generators, [.. s.Select(_ => true)], [h.shape[1], h.shape[2]], h.device)
                    .mul_(MemberDraws.PerMember(s, 2, h.device))).to(float64)).ToList();
            int threads = oneThread.OnCpu ? Math.Max(1, oneThread.Found) : 0;
            var sums = samples.Select(t => new DensitySums(t, n, s, threads)).ToList();
            int chunk = Math.Max(1, ColumnsPerBlock / n), half = paths / 2;
            foreach (var (first, count) in Blocks(0, half, chunk).Concat(Blocks(half, paths, chunk)))
            {
                cancellation.ThrowIfCancellationRequested();
                using var block = NewDisposeScope();
                var centres = network.PathActivations(inputs, count, coupled: true, generators);
                for (int l = 0; l < config.Depth; l++)
                {
                    // Without noise upstream every path of layer l carries the same h_l: one path is the whole mixture.
                    if (!UpstreamNoisy(config, l)) { if (first == 0) sums[l].Add(centres[l].narrow(1, 0, n).to(float64)); }
                    else sums[l].Add(centres[l].to(float64));
                }
                if (first + count == half) foreach (var sum in sums) sum.KeepHalf();
            }
            var perLayer = sums.Select((sum, l) => sum.Estimate(UpstreamNoisy(config, l))).ToList();
            return Enumerable.Range(0, configs.Count)
                .Select(m => (IReadOnlyList<ConsistentEstimate?>)perLayer.Select(layer => (ConsistentEstimate?)layer[m]).ToList())
                .ToArray();
        }
        finally
        {
            foreach (var generator in generators) generator.Dispose();
        }
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
        private readonly Tensor _left, _mean, _ownInput, _minusTwoVariances;
        private readonly int _inputs, _threads;
        private readonly double[] _s;
        private float[]? _leftHost;
        private double[]? _meanHost;
        private Tensor? _all, _own;
        private long _centres, _ownCentres;
        private MonteCarloEstimate[]? _half;

        /// <param name="draws">[S, K * n, w] float64, path-major within a member: row k * n + i is a draw of input i.</param>
        /// <param name="s">Each member's activation noise std.</param>
        /// <param name="threads">The CPU threads a block's sums may use (<see cref="MixtureBlockSums"/>); 0 off the CPU.</param>
        public DensitySums(Tensor draws, int inputs, double[] s, int threads)
        {
            (_inputs, _threads, _s) = (inputs, threads, s);
            long members = draws.shape[0], rows = draws.shape[1];
            // Each member's mean computed alone: a reduction over a batch's rows need not add in the order it does for one.
            _mean = stack(Enumerable.Range(0, (int)members).Select(m => draws[m].mean([0], keepdim: true)).ToArray());
            Tensor t = draws - _mean;
            Tensor variance = tensor(s.Select(v => v * v).ToArray(), [members, 1, 1], float64, draws.device);
            _minusTwoVariances = tensor(s.Select(v => -2 * v * v).ToArray(), [members, 1, 1], float64, draws.device);
            using Scalar stop = rows.ToScalar(), modulus = inputs.ToScalar();
            _left = cat([t / variance, t.Squared().sum(2, keepdim: true) / _minusTwoVariances, ones(members, rows, 1, float64, draws.device)], 2)
                .to(float32);
            _ownInput = (arange(Scalars.Zero, stop, Scalars.One, int64, draws.device) % modulus).view(1, rows, 1, 1);
        }

        /// <param name="centres">[S, P * n, w] float64, path-major within a member.</param>
        public void Add(Tensor centres)
        {
            long columns = centres.shape[1], pathsHere = columns / _inputs;
            var (all, own) = _threads > 0 && centres.shape[2] + 2 <= MixtureBlockSums.MaxTerms ? Fused(centres) : Batched(centres);
            _all = _all is null ? all.MoveToOuterDisposeScope() : logaddexp(_all, all).MoveToOuterDisposeScope();
            _own = _own is null ? own.MoveToOuterDisposeScope() : logaddexp(_own, own).MoveToOuterDisposeScope();
            _centres += columns;
            _ownCentres += pathsHere;
        }

        /// <summary>Narrow layers on the CPU: the augmented centres made on the host (libtorch's element-wise passes over a
        /// last dimension of a few values cost more than the sums), then exponents and sums in one pass
        /// (<see cref="MixtureBlockSums"/>).</summary>
        private (Tensor All, Tensor Own) Fused(Tensor centres)
        {
            int members = (int)_left.shape[0], rows = (int)_left.shape[1], columns = (int)centres.shape[1], width = (int)centres.shape[2];
            int terms = width + 2;
            if (_leftHost is null)
            {
                _leftHost = HostCopy.ToArray<float>(_left);
                _meanHost = HostCopy.ToArray<double>(_mean);
            }
            using Tensor host = centres.contiguous();
            ReadOnlySpan<double> x = MemoryMarshal.Cast<byte, double>(host.bytes);
            var right = new float[members * terms * columns];
            double[] d = new double[width];
            for (int m = 0; m < members; m++)
            {
                int at = m * terms * columns;
                double scale = -2 * _s[m] * _s[m];
                for (int j = 0; j < columns; j++)
                {
                    ReadOnlySpan<double> centre = x.Slice((m * columns + j) * width, width);
                    double norm = 0;
                    for (int k = 0; k < width; k++)
                    {
                        d[k] = centre[k] - _meanHost![m * width + k];
                        norm += d[k] * d[k];
                        right[at + k * columns + j] = (float)d[k];
                    }
                    right[at + width * columns + j] = 1f;
                    right[at + (width + 1) * columns + j] = (float)(norm / scale);
                }
            }
            var (all, own) = (new double[members * rows], new double[members * rows]);
            MixtureBlockSums.Compute(_leftHost, right, members, rows, terms, columns, _inputs, all, own, _threads);
            return (tensor(all, [members, rows], device: centres.device), tensor(own, [members, rows], device: centres.device));
        }

        /// <summary>Batched float32 products of the augmented rows and centres, then the sums.</summary>
        private (Tensor All, Tensor Own) Batched(Tensor centres)
        {
            long members = _left.shape[0], rows = _left.shape[1], columns = centres.shape[1], pathsHere = columns / _inputs;
            Tensor c = centres - _mean;
            Tensor right = cat([c, ones(members, columns, 1, float64, c.device), c.Squared().sum(2, keepdim: true) / _minusTwoVariances], 2)
                .to(float32).transpose(1, 2);
            // Rows a tile at a time, so a member's exponents stay within MaxBlockTerms whatever N is, and a few members per
            // product. Neither depends on the pack, so a member's numbers are bit for bit those it has alone.
            long tile = Math.Max(1, MaxBlockTerms / columns);
            var allChunks = new List<Tensor>();
            var ownChunks = new List<Tensor>();
            for (long group = 0; group < members; group += MembersPerProduct)
            {
                long size = Math.Min(MembersPerProduct, members - group);
                var allParts = new List<Tensor>();
                var ownParts = new List<Tensor>();
                for (long first = 0; first < rows; first += tile)
                {
                    long count = Math.Min(tile, rows - first);
                    Tensor exponent = _left.narrow(0, group, size).narrow(1, first, count).bmm(right.narrow(0, group, size));
                    ownParts.Add(exponent.view(size, count, pathsHere, _inputs)
                        .gather(3, _ownInput.narrow(1, first, count).expand(size, count, pathsHere, 1)).squeeze(3).logsumexp(2).to(float64));
                    allParts.Add(LogSumExp(exponent, size, count, columns));
                }
                allChunks.Add(cat(allParts, 1));
                ownChunks.Add(cat(ownParts, 1));
            }
            return (cat(allChunks, 0), cat(ownChunks, 0));
        }

        /// <summary>Per row of [size, count, columns] exponents, the log-sum-exp with every term raised to at least e^-80 of
        /// its row's largest: such a term adds at most 2e-35 of it, and float32 exp never meets the subnormal numbers that
        /// make it several times slower (terms far below the largest are the rule in narrow layers with little noise).</summary>
        private static Tensor LogSumExp(Tensor exponent, long size, long count, long columns)
        {
            if (exponent.device_type == DeviceType.CPU)
            {
                var sums = new double[size * count];
                RowLogSumExp.Compute(MemoryMarshal.Cast<byte, float>(exponent.bytes), (int)columns, sums);
                return tensor(sums, [size, count], device: exponent.device);
            }
            Tensor largest = exponent.amax([2], keepdim: true);
            return exponent.sub_(largest).clamp_min_(Scalars.ExponentFloor).exp_().sum([2]).to(float64).log_().PlusInPlace(largest.squeeze(2).to(float64));
        }

        /// <summary>Takes the estimates from the paths added so far (half of them) for the drift.</summary>
        public void KeepHalf() => _half = _all is null ? null : Current();

        /// <param name="pathsMatter">False where every path carries the same centres (no noise upstream): no drift.</param>
        public ConsistentEstimate[] Estimate(bool pathsMatter)
        {
            var full = Current();
            return full.Select((estimate, m) => new ConsistentEstimate(estimate, pathsMatter && _half is { } half ? estimate.Value - half[m].Value : null)).ToArray();
        }

        /// <summary>Per member, the mean over draws of log p(t | x) - log p(t), each mixture's 1/count included.</summary>
        private MonteCarloEstimate[] Current()
        {
            using Scalar logOwn = Math.Log(_ownCentres).ToScalar(), logAll = Math.Log(_centres).ToScalar();
            using Tensor terms = (_own! - logOwn) - (_all! - logAll);
            double[] values = HostCopy.ToArray<double>(terms);
            int rows = (int)terms.shape[1];
            return Enumerable.Range(0, (int)terms.shape[0]).Select(m => MonteCarloEstimate.Of(values[(m * rows)..((m + 1) * rows)])).ToArray();
        }
    }
}

/// <summary>i_x_t with its Monte-Carlo standard error and its path drift (null where the paths do not matter).</summary>
internal sealed record ConsistentEstimate(MonteCarloEstimate Estimate, double? PathDrift);
