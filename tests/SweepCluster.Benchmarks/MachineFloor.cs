using System.Diagnostics;
using SweepCluster.Training.Measurement;
using TorchSharp;
using static TorchSharp.torch;

namespace SweepCluster.Benchmarks;

/// <summary>What this CPU does at most on the estimator's two inner operations, through libtorch as the estimator
/// calls it: exp over a tile in place (float64 and float32) and a matrix product (float64 and float32, square 1024, the
/// peak rate). Each is run by <c>workers</c> threads at once, each on its own tile with one torch thread, as
/// PairSums runs its tiles; best of 5 rounds.</summary>
internal sealed record MachineFloor(int Workers, double Exp64PerSecond, double Exp32PerSecond, double Gemm64Flops, double Gemm32Flops)
{
    // The kernel's own tile, so that the floor follows it if it changes.
    private const int Tile = TensorRowLogSums.TileSize, GemmSize = 1024;

    public static MachineFloor Measure(int workers) => new(workers,
        ExpRate(workers, float64), ExpRate(workers, float32), Rate(workers, float64, GemmRound), Rate(workers, float32, GemmRound));

    /// <summary>Exps per second: the round's time less that of its negations alone (which keep the values bounded).</summary>
    private static double ExpRate(int workers, ScalarType type) =>
        1 / (1 / Rate(workers, type, t => ExpRound(t, exp: true)) - 1 / Rate(workers, type, t => ExpRound(t, exp: false)));

    /// <summary>The least time the all-pairs kernel can take for <paramref name="pairs"/> pairs of rows of width
    /// <paramref name="width"/> in float64: one exp and one product of 2 (width + 2) flops per pair (the kernel's
    /// augmented rows), the other passes over a tile taken as free.</summary>
    public double PairSeconds(double pairs, int width) => pairs / Exp64PerSecond + pairs * 2.0 * (width + 2) / Gemm64Flops;

    /// <summary>The pairs the all-pairs kernel visits for <paramref name="rows"/> rows: every tile on and above the
    /// diagonal of the row-by-row matrix, whole (the diagonal tiles' lower halves included).</summary>
    public static double TilePairs(long rows)
    {
        double pairs = 0;
        for (long i0 = 0; i0 < rows; i0 += Tile)
            for (long j0 = i0; j0 < rows; j0 += Tile)
                pairs += (double)Math.Min(Tile, rows - i0) * Math.Min(Tile, rows - j0);
        return pairs;
    }

    public override string ToString() =>
        $"this CPU, {Workers} worker(s): exp {Exp64PerSecond / 1e9:F2} G/s float64, {Exp32PerSecond / 1e9:F2} G/s float32; " +
        $"matrix product {Gemm64Flops / 1e9:F1} GFLOP/s float64, {Gemm32Flops / 1e9:F1} GFLOP/s float32";

    /// <summary>One round on one thread: the work done (elements, or flops) and nothing kept.</summary>
    private static double ExpRound(ScalarType type, bool exp)
    {
        using var scope = NewDisposeScope();
        // Values in [-4, 0], like the kernel's exponents; negated after each exp, they stay in [-1, 0).
        using Scalar minusFour = (-4.0).ToScalar();
        Tensor x = rand([Tile, Tile], dtype: type).mul_(minusFour);
        const int repeats = 20;
        for (int r = 0; r < repeats; r++) (exp ? x.exp_() : x).neg_();
        return (double)repeats * Tile * Tile;
    }

    private static double GemmRound(ScalarType type)
    {
        using var scope = NewDisposeScope();
        Tensor a = rand([GemmSize, GemmSize], dtype: type), b = rand([GemmSize, GemmSize], dtype: type);
        const int repeats = 4;
        for (int r = 0; r < repeats; r++) a.mm(b).Dispose();
        return repeats * 2.0 * GemmSize * GemmSize * GemmSize;
    }

    /// <summary>Work per second of <paramref name="round"/> run by every worker at once, best of 5 rounds (a warm-up
    /// first).</summary>
    private static double Rate(int workers, ScalarType type, Func<ScalarType, double> round)
    {
        double best = 0;
        for (int attempt = 0; attempt < 6; attempt++)
        {
            var clock = Stopwatch.StartNew();
            var work = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(() =>
            {
                set_num_threads(1);
                return round(type);
            }, TaskCreationOptions.LongRunning)).ToArray();
            double done = Task.WhenAll(work).Result.Sum();
            if (attempt > 0) best = Math.Max(best, done / clock.Elapsed.TotalSeconds);
        }
        return best;
    }
}
