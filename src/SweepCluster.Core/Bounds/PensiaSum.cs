namespace SweepCluster.Core.Bounds;

/// <summary>The SGLD information sum of Pensia, Jog &amp; Loh (2018) accumulated step by step from a logged trajectory,
/// in total and per training sample (the I_i of B_ISMI).</summary>
/// <remarks>
/// A noisy update W_t = W_(t-1) - alpha_t * clip_K(g_t) + N(0, sigma_t^2 I_d) is a Gaussian channel whose input has norm
/// at most alpha_t K, so I(S;W) &lt;= sum_t (d/2) log(1 + alpha_t^2 K^2 / (d sigma_t^2)). For one sample i the update is
/// the batch mean (1/b) sum_j clip_K(g_j), which depends on sample i only through (alpha_t / b) clip_K(g_i): with
/// per-example clipping the step's channel from Z_i has input norm at most (alpha_t / b) K, so
/// I_i sums (d/2) log(1 + alpha_t^2 K^2 / (b^2 d sigma_t^2)) over the steps whose batch (size b) held sample i
/// (a sample drawn k times in one batch counts k times in that mean: k alpha_t K / b). The per-sample sums are only a
/// bound when every example's gradient was clipped; the caller decides whether that was so. Without injected noise (sigma_t = 0) or without a clip
/// the channel is noiseless or unbounded and the sum is infinite, so it is then undefined, never a number.
/// </remarks>
public sealed class PensiaSum
{
    public const string NoNoiseReason = "no parameter noise was injected (sgld_noise = 0)";
    public const string NoClipReason = "no gradient clip was enforced (clip = 0)";

    private readonly long _dimension;
    private readonly double[] _perSample;
    // Step in which each sample was last counted, and how often it appears in that step's batch.
    private readonly long[] _lastCredited;
    private readonly int[] _countInStep;
    private double _total;

    /// <param name="dimension">d, the number of parameters the noise is added to.</param>
    /// <param name="sampleCount">n, the training-set size; batch indices lie in 0..n-1.</param>
    public PensiaSum(long dimension, int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        _dimension = dimension;
        _perSample = new double[sampleCount];
        _lastCredited = new long[sampleCount];
        _countInStep = new int[sampleCount];
        Array.Fill(_lastCredited, -1L);
    }

    /// <summary>Steps added so far, defined or not.</summary>
    public long Steps { get; private set; }

    /// <summary>Why the sum is undefined (the first step that made it so), or null while it is defined.</summary>
    public string? UndefinedReason { get; private set; }

    public bool IsDefined => UndefinedReason is null;

    /// <summary>I_SGLD = sum over steps of (d/2) log1p(alpha_t^2 K^2 / (d sigma_t^2)) in nats; null when undefined.</summary>
    public double? Total => IsDefined ? _total : null;

    /// <summary>I_i, the sum over the steps whose batch (size b) contained sample i of the step's term with sensitivity
    /// (alpha_t / b) K, indexed by sample.</summary>
    /// <exception cref="InvalidOperationException">The sum is undefined; there are no numbers to report.</exception>
    public ReadOnlySpan<double> PerSample => IsDefined
        ? _perSample
        : throw new InvalidOperationException($"The per-sample Pensia sums are undefined: {UndefinedReason}.");

    /// <summary>The Pensia term of one update: (d/2) log1p(alpha^2 K^2 / (d sigma^2)), for sigma &gt; 0 and K &gt; 0.</summary>
    public static double Term(long dimension, double alpha, double sigma, double clip)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        double d = dimension;
        double ratio = alpha * clip / sigma; // alpha K / sigma first, so tiny sigma^2 does not underflow on its own
        return d / 2.0 * NumericFunctions.Log1P(ratio * ratio / d);
    }

    /// <summary>Adds step t: step size alpha_t, per-coordinate noise std sigma_t, clip K and the batch's sample indices.
    /// sigma_t &lt;= 0 or K &lt;= 0 (or K infinite) makes the whole sum undefined from then on.</summary>
    public void AddStep(double alpha, double sigma, double clip, ReadOnlySpan<int> batchIndices)
    {
        if (!double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The step size must be finite.");
        if (double.IsNaN(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The noise std must not be NaN.");
        if (double.IsNaN(clip)) throw new ArgumentOutOfRangeException(nameof(clip), clip, "The clip must not be NaN.");
        long step = Steps++;
        if (sigma <= 0) UndefinedReason ??= NoNoiseReason;
        if (clip <= 0) UndefinedReason ??= NoClipReason;
        if (double.IsPositiveInfinity(clip)) UndefinedReason ??= "no gradient clip was enforced (clip is infinite)";
        if (!IsDefined) return;

        _total += Term(_dimension, alpha, sigma, clip);
        foreach (int i in batchIndices)
        {
            if ((uint)i >= (uint)_perSample.Length)
                throw new ArgumentOutOfRangeException(nameof(batchIndices), i, $"Sample index outside 0..{_perSample.Length - 1}.");
            if (_lastCredited[i] != step) (_lastCredited[i], _countInStep[i]) = (step, 0);
            _countInStep[i]++;
        }
        double batchSize = batchIndices.Length;
        foreach (int i in batchIndices)
        {
            if (_countInStep[i] == 0) continue; // already credited in this step
            _perSample[i] += Term(_dimension, alpha * _countInStep[i] / batchSize, sigma, clip);
            _countInStep[i] = 0;
        }
    }
}
