using SweepCluster.Core.Data;

namespace SweepCluster.Core.Information;

/// <summary>Kolchinsky &amp; Tracey pairwise-distance bounds on I(X;T), T = C + N(0, s^2 I), C a finite mixture of centres.</summary>
/// <remarks>
/// X is uniform over N inputs; input i owns M rows of <c>centers</c> (M Monte-Carlo paths of earlier noisy layers),
/// so T given X = i is an equal-weight mixture of M Gaussians and T itself one of N*M. For a set of K equal-weight
/// components with squared distances H_kj define
/// term_KL = -(1/K) sum_k log[(1/K) sum_j exp(-H_kj / (2 s^2))] and term_B the same with 8 s^2.
/// The mixture entropy is H(T|C) plus something between term_B and term_KL, hence
/// Upper = term_KL(all rows) - mean_i term_B(rows of i) and Lower = term_B(all rows) - mean_i term_KL(rows of i),
/// both clamped to [0, log N]. With M = 1 the within-input terms vanish. Cost O((N M)^2 d).
/// </remarks>
public static class PairwiseMixtureBounds
{
    /// <summary>Bounds on I(X;T) in nats.</summary>
    /// <param name="centers">One pre-noise activation per row.</param>
    /// <param name="noiseStd">s, the std of the isotropic Gaussian noise; must be finite and &gt; 0.</param>
    /// <param name="inputOf">Input (0..N-1) of each row, every input owning the same number of rows;
    /// null means one row per input.</param>
    public static MixtureInformation Estimate(SampleMatrix centers, double noiseStd, IReadOnlyList<int>? inputOf = null)
    {
        Validate(centers, noiseStd);
        var layout = MixtureLayout.Create(centers.Rows, inputOf);
        var sums = RowLogSums.Compute(centers, noiseStd, layout);
        return Bounds(sums, layout.Inputs, rowInSet: null) with { UpperStandardError = UpperStandardError(sums, layout) };
    }

    /// <summary>Bounds on I(X;T) and on I(Y;T) = I(X;T) - sum_y p_y I(X;T | Y = y), Y a label of each input
    /// (p_y = share of inputs with label y), in one O((N M)^2 d) pass.</summary>
    /// <param name="labels">One label per row (rows of one input must agree) or one per input.</param>
    public static LabelledMixtureInformation EstimateWithLabels(
        SampleMatrix centers, double noiseStd, IReadOnlyList<int>? inputOf, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Validate(centers, noiseStd);
        var layout = MixtureLayout.Create(centers.Rows, inputOf, labels);
        return Combine(RowLogSums.Compute(centers, noiseStd, layout), layout);
    }

    /// <summary>The bounds of <see cref="EstimateWithLabels"/> from row sums computed elsewhere (a tensor kernel): the
    /// O(N M) step that follows the O((N M)^2 d) one, shared so both kernels give the same combination.</summary>
    public static LabelledMixtureInformation Combine(RowLogSums sums, IReadOnlyList<int>? inputOf, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(labels);
        return Combine(sums, MixtureLayout.Create(sums.Rows, inputOf, labels));
    }

    private static LabelledMixtureInformation Combine(RowLogSums sums, MixtureLayout layout)
    {
        var all = Bounds(sums, layout.Inputs, rowInSet: null) with { UpperStandardError = UpperStandardError(sums, layout) };

        int[] classOfRow = layout.ClassOfRow!;
        double conditionalLower = 0, conditionalUpper = 0;
        for (int c = 0; c < layout.Classes; c++)
        {
            // The class-c sums were taken over class-c rows only, so they are that subset's mixture terms.
            var given = Bounds(sums, layout.InputsPerClass[c], k => classOfRow[k] == c);
            double weight = (double)layout.InputsPerClass[c] / layout.Inputs;
            conditionalLower += weight * given.Lower;
            conditionalUpper += weight * given.Upper;
        }
        double logClasses = Math.Log(layout.Classes);
        return new LabelledMixtureInformation(
            all,
            YLower: Clamp(all.Lower - conditionalUpper, logClasses),
            YUpper: Clamp(all.Upper - conditionalLower, logClasses),
            YEstimate: Clamp(all.Upper - conditionalUpper, logClasses));
    }

    /// <summary>Combines per-row log-sums into the bounds for one set of inputs (all rows, or one class).</summary>
    private static MixtureInformation Bounds(RowLogSums sums, int inputs, Func<int, bool>? rowInSet)
    {
        bool wholeSet = rowInSet is null;
        double klSet = 0, bSet = 0, klInput = 0, bInput = 0;
        int rows = 0;
        // Index order, single thread: the bounds are bit-identical run to run whatever the thread count.
        for (int k = 0; k < sums.Rows; k++)
        {
            if (!wholeSet && !rowInSet!(k)) continue;
            klSet += wholeSet ? sums.LogKlAll[k] : sums.LogKlClass[k];
            bSet += wholeSet ? sums.LogBAll[k] : sums.LogBClass[k];
            klInput += sums.LogKlInput[k];
            bInput += sums.LogBInput[k];
            rows++;
        }
        // term(set) = log K - mean_k log sum_j e_kj; the log M of the within-input terms cancels against log(N M).
        double logInputs = Math.Log(inputs);
        double upper = logInputs - klSet / rows + bInput / rows;
        double lower = logInputs - bSet / rows + klInput / rows;
        return new MixtureInformation(Clamp(lower, logInputs), Clamp(upper, logInputs));
    }

    /// <summary>The standard error of the upper value over the M noise paths: the upper value is log N plus the mean over
    /// rows of u_k = -LogKlAll_k + LogBInput_k, and grouping the rows by path (the j-th row of every input is path j)
    /// makes it the mean of M path averages U_j; the error is sd(U_j) / sqrt(M). It measures how much the outer
    /// Monte-Carlo average moves between paths, at no extra cost; the inner mixture is shared by all paths, so its own
    /// sampling error is not in it. Null with one path (no spread to measure). Taken before the clamp to [0, log N].</summary>
    private static double? UpperStandardError(RowLogSums sums, MixtureLayout layout)
    {
        int paths = layout.RowsPerInput;
        if (paths < 2) return null;
        var pathSums = new double[paths];
        var seen = new int[layout.Inputs];
        for (int k = 0; k < sums.Rows; k++)
            pathSums[seen[layout.InputOfRow[k]]++] += sums.LogBInput[k] - sums.LogKlAll[k];
        double mean = 0;
        for (int j = 0; j < paths; j++) mean += pathSums[j] / layout.Inputs;
        mean /= paths;
        double squares = 0;
        for (int j = 0; j < paths; j++)
        {
            double deviation = pathSums[j] / layout.Inputs - mean;
            squares += deviation * deviation;
        }
        return Math.Sqrt(squares / (paths - 1) / paths);
    }

    private static double Clamp(double value, double max) => Math.Clamp(value, 0.0, max);

    internal static void Validate(SampleMatrix centers, double noiseStd)
    {
        ArgumentNullException.ThrowIfNull(centers);
        if (!(noiseStd > 0) || double.IsInfinity(noiseStd))
            throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "The noise std s must be finite and > 0; use binning for s = 0.");
        foreach (double v in centers.Data)
            if (!double.IsFinite(v)) throw new ArgumentException("The centers contain NaN or infinity.", nameof(centers));
    }
}
