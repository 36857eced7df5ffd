using SweepCluster.Training.Measurement;

namespace SweepCluster.Training.Tests;

/// <summary>The fused log-sum-exp of i_x_t's mixtures against the same sum in plain doubles.</summary>
public sealed class RowLogSumExpTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(1000)]
    [InlineData(25_603)]
    public void Every_row_matches_a_float64_log_sum_exp_to_1e_minus_6(int columns)
    {
        var random = new Random(columns);
        const int rows = 5;
        var block = new float[rows * columns];
        for (int k = 0; k < block.Length; k++)
            // Exponents as a narrow, low-noise layer gives them: most terms hundreds of nats below their row's largest.
            block[k] = -(float)(random.NextDouble() * (k % 3 == 0 ? 5 : 400)) - 30 * (k / columns);
        var result = new double[rows];
        RowLogSumExp.Compute(block, columns, result);

        for (int row = 0; row < rows; row++)
        {
            double[] values = [.. block.AsSpan(row * columns, columns).ToArray().Select(v => (double)v)];
            double largest = values.Max();
            double expected = Math.Log(values.Sum(v => Math.Exp(Math.Max(v - largest, -80)))) + largest;
            Assert.True(Math.Abs(result[row] - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)),
                $"row {row}: {result[row]:R} against {expected:R}");
        }
    }
}
