using System.Numerics;
using SweepCluster.Core.Data;

namespace SweepCluster.Core.Information;

/// <summary>The pairwise-bound sums of a mixture: per row k, log sum_j exp(-H_kj / (2 s^2)) and with 8 s^2, over all rows,
/// over the rows of k's class and over the rows of k's input. <see cref="Compute(SampleMatrix, double, IReadOnlyList{int}?, IReadOnlyList{int}?)"/>
/// is the reference (the O((N M)^2 d) part, plain doubles, parallel over rows); a faster kernel elsewhere may fill the
/// arrays and hand them to <see cref="PairwiseMixtureBounds.Combine"/>.</summary>
public sealed class RowLogSums
{
    private RowLogSums(int rows)
        : this(new double[rows], new double[rows], new double[rows], new double[rows], new double[rows], new double[rows]) { }

    /// <summary>Sums computed elsewhere; all six arrays have one entry per row (the class pair is unused when unlabelled).</summary>
    public RowLogSums(double[] logKlAll, double[] logBAll, double[] logKlClass, double[] logBClass, double[] logKlInput, double[] logBInput)
    {
        double[][] all = [logKlAll, logBAll, logKlClass, logBClass, logKlInput, logBInput];
        foreach (var array in all) ArgumentNullException.ThrowIfNull(array);
        if (all.Any(array => array.Length != logKlAll.Length))
            throw new ArgumentException("Every row log-sum array needs one entry per row.");
        Rows = logKlAll.Length;
        (LogKlAll, LogBAll, LogKlClass, LogBClass, LogKlInput, LogBInput) = (logKlAll, logBAll, logKlClass, logBClass, logKlInput, logBInput);
    }

    public int Rows { get; }
    public double[] LogKlAll { get; }
    public double[] LogBAll { get; }
    public double[] LogKlClass { get; }
    public double[] LogBClass { get; }
    public double[] LogKlInput { get; }
    public double[] LogBInput { get; }

    /// <summary>The reference sums; <paramref name="inputOf"/> and <paramref name="labels"/> as in
    /// <see cref="PairwiseMixtureBounds.EstimateWithLabels"/> (null labels leave the class sums at 0).</summary>
    public static RowLogSums Compute(SampleMatrix centers, double noiseStd, IReadOnlyList<int>? inputOf, IReadOnlyList<int>? labels)
    {
        PairwiseMixtureBounds.Validate(centers, noiseStd);
        return Compute(centers, noiseStd, MixtureLayout.Create(centers.Rows, inputOf, labels));
    }

    internal static RowLogSums Compute(SampleMatrix centers, double s, MixtureLayout layout)
    {
        int rows = centers.Rows;
        var result = new RowLogSums(rows);
        double bScale = 1.0 / (8.0 * s * s);
        int[] input = layout.InputOfRow;
        int[]? cls = layout.ClassOfRow;
        Parallel.For(0, rows, k =>
        {
            ReadOnlySpan<double> row = centers.ReadRow(k);
            double klAll = 0, bAll = 0, klClass = 0, bClass = 0, klInput = 0, bInput = 0;
            for (int j = 0; j < rows; j++)
            {
                double h = SquaredDistance(row, centers.ReadRow(j));
                double b = Math.Exp(-h * bScale);
                // exp(-h/(2 s^2)) = exp(-h/(8 s^2))^4: one exp per pair instead of two.
                double b2 = b * b;
                double kl = b2 * b2;
                klAll += kl;
                bAll += b;
                if (cls is not null && cls[j] == cls[k]) { klClass += kl; bClass += b; }
                if (input[j] == input[k]) { klInput += kl; bInput += b; }
            }
            // Log-sum-exp with the max exponent (the self term, H_kk = 0) already factored out: each sum is
            // >= 1, so no shift is needed and terms that underflow to 0 are negligible against it.
            result.LogKlAll[k] = Math.Log(klAll);
            result.LogBAll[k] = Math.Log(bAll);
            if (cls is not null)
            {
                result.LogKlClass[k] = Math.Log(klClass);
                result.LogBClass[k] = Math.Log(bClass);
            }
            result.LogKlInput[k] = Math.Log(klInput);
            result.LogBInput[k] = Math.Log(bInput);
        });
        return result;
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        double sum = 0;
        int width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && a.Length >= width)
        {
            var acc = Vector<double>.Zero;
            for (; i <= a.Length - width; i += width)
            {
                var d = new Vector<double>(a[i..]) - new Vector<double>(b[i..]);
                acc += d * d;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
