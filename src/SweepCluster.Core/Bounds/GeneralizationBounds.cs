using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Bounds;

/// <summary>The information-theoretic bounds on the expected generalization gap that a trial reports (docs/SCIENCE.md
/// section 6), each flagged vacuous when it exceeds the loss range b - a.</summary>
/// <remarks>
/// Every function takes the loss's sub-Gaussian sigma, the information in nats, the training-set size n and the loss
/// range. A null information or a non-null <c>undefinedReason</c> gives <see cref="BoundValue.Undefined"/>: an
/// undefined information sum must never turn into a number.
/// </remarks>
public static class GeneralizationBounds
{
    private const string MissingInformation = "the information sum is undefined";

    /// <summary>Xu &amp; Raginsky: sqrt(2 sigma^2 I / n).</summary>
    public static BoundValue XuRaginsky(
        double sigma, double? information, int n, double lossRange, bool certified, string? undefinedReason = null)
    {
        if (Undefined(information, undefinedReason) is { } undefined) return undefined;
        Validate(sigma, n, lossRange);
        return Bound(Core(sigma, NonNegative(information!.Value, nameof(information)), n), lossRange, certified);
    }

    /// <summary>The paper's depth formula with measured constants: (prod_l eta_l)^(1/2) sqrt(2 sigma^2 I / n). With I the
    /// output layer's SGLD information this is B_paper; with I over all trained parameters, b_paper_all_params.
    /// Never certified: the per-layer etas are plugged into an argument whose assumptions a trained network need not meet.</summary>
    public static BoundValue Paper(
        IReadOnlyList<double> etas, double sigma, double? information, int n, double lossRange, string? undefinedReason = null)
    {
        ArgumentNullException.ThrowIfNull(etas);
        double product = 1.0;
        foreach (double eta in etas)
        {
            if (!(eta >= 0 && eta <= 1))
                throw new ArgumentOutOfRangeException(nameof(etas), eta, "A contraction coefficient lies in [0, 1].");
            product *= eta;
        }
        return Contracted(product, sigma, information, n, lossRange, undefinedReason);
    }

    /// <summary>contraction^(1/2) sqrt(2 sigma^2 I / n) for a contraction factor in [0, 1], never certified. With the
    /// measured ratio i_x_t(T_L) / ln N (the product of the empirical eta_l) this is b_paper_measured.</summary>
    public static BoundValue Contracted(
        double contraction, double sigma, double? information, int n, double lossRange, string? undefinedReason = null)
    {
        if (!(contraction >= 0 && contraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(contraction), contraction, "A contraction factor lies in [0, 1].");
        if (Undefined(information, undefinedReason) is { } undefined) return undefined;
        Validate(sigma, n, lossRange);
        double value = Math.Sqrt(contraction) * Core(sigma, NonNegative(information!.Value, nameof(information)), n);
        return Bound(value, lossRange, certified: false);
    }

    /// <summary>Bu, Zou &amp; Veeravalli's individual-sample bound: (1/n) sum_i sqrt(2 sigma^2 I_i), one I_i per training sample.</summary>
    public static BoundValue Ismi(
        double sigma, IReadOnlyList<double>? perSample, int n, double lossRange, bool certified, string? undefinedReason = null)
    {
        if (undefinedReason is not null) return BoundValue.Undefined(undefinedReason);
        if (perSample is null) return BoundValue.Undefined(MissingInformation);
        Validate(sigma, n, lossRange);
        if (perSample.Count != n)
            throw new ArgumentException($"Expected one information value per training sample ({n}), got {perSample.Count}.", nameof(perSample));
        double sum = 0;
        foreach (double information in perSample) sum += Math.Sqrt(2.0 * sigma * sigma * NonNegative(information, nameof(perSample)));
        return Bound(sum / n, lossRange, certified);
    }

    private static double Core(double sigma, double information, int n) => Math.Sqrt(2.0 * sigma * sigma * information / n);

    private static BoundValue Bound(double value, double lossRange, bool certified) =>
        new() { Value = value, Vacuous = value > lossRange, Certified = certified };

    private static BoundValue? Undefined(double? information, string? undefinedReason) =>
        undefinedReason is not null ? BoundValue.Undefined(undefinedReason)
        : information is null ? BoundValue.Undefined(MissingInformation)
        : null;

    private static void Validate(double sigma, int n, double lossRange)
    {
        if (!(sigma >= 0) || !double.IsFinite(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The sub-Gaussian sigma must be finite and >= 0.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (!(lossRange > 0) || !double.IsFinite(lossRange))
            throw new ArgumentOutOfRangeException(nameof(lossRange), lossRange, "The loss range b - a must be finite and > 0.");
    }

    private static double NonNegative(double information, string name) =>
        information >= 0 && !double.IsNaN(information)
            ? information
            : throw new ArgumentOutOfRangeException(name, information, "Mutual information is >= 0 nats.");
}
