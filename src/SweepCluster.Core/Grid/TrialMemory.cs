using System.Globalization;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Grid;

/// <summary>An upper estimate of the memory one trial holds, so a grid point that cannot fit (width 100000 asks for
/// a 40 GB weight matrix) is refused when the grid is expanded, naming the keys, instead of failing in an allocation
/// inside a worker. The terms follow what the runner holds at once: the weights with their gradients and optimizer
/// moments, one batch's activations and their gradients, the training and test sets, and the information probe's
/// pre-noise activations of every layer on the evaluation set (N inputs x M noise paths x width, as 32-bit tensors and
/// their 64-bit copies). The probe's pairwise sums run row by row and hold O(N M) numbers, not O((N M)^2).</summary>
internal static class TrialMemory
{
    /// <summary>The most one trial, or one pack of trials trained together, may need: a worker runs one trial or pack per
    /// slot, on machines with a few tens of GB.</summary>
    public const long BudgetBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>Inputs of an IDX dataset (Fashion-MNIST's 28 x 28), whose size is only known once the files are read.</summary>
    private const int IdxDimension = 784;

    public static double EstimateBytes(TrialConfig c)
    {
        double d = c.Dataset.Kind == DatasetKind.Idx ? IdxDimension : c.Dataset.Dimension;
        double w = c.Width, depth = Math.Max(c.Depth, 1), classes = c.Dataset.Classes;
        double parameters = d * w + (depth - 1) * w * w + w * classes + depth * w + classes;
        double weights = parameters * 4 * 4;                              // weights, gradients, two optimizer moments
        double batch = (double)c.Training.BatchSize * w * depth * 4 * 3;  // activations, noise, their gradients
        double data = ((double)c.TrainSize + c.Dataset.TestSize) * d * 4;
        double probe = depth * c.Information.EvalPoints * c.Information.NoisePaths * w * (4 + 8);
        // i_x_t: its draws of every layer (float64, and float32 augmented), plus a block of at most 2^23 float32
        // exponents and its log-sum-exp's temporary.
        double draws = c.Information.MixtureDraws ?? InformationSettings.DefaultMixtureDraws;
        double mixture = depth * draws * c.Information.EvalPoints * w * (8 + 4) + 2.0 * (1L << 23) * 4;
        return weights + batch + data + probe + mixture;
    }

    /// <exception cref="UserInputException">The grid point needs more than <see cref="BudgetBytes"/>.</exception>
    public static void Check(string file, TrialConfig c)
    {
        double bytes = EstimateBytes(c);
        if (bytes <= BudgetBytes) return;
        throw new UserInputException(
            $"{file}: the grid point (depth {c.Depth}, width {c.Width}, train_size {c.TrainSize}, batch_size {c.Training.BatchSize}) needs about {Gigabytes(bytes)} GB per trial, more than the budget of {Gigabytes(BudgetBytes)} GB; lower grid.width (the weights grow with width squared) or grid.depth.");
    }

    private static string Gigabytes(double bytes) => (bytes / 1e9).ToString("0.#", CultureInfo.InvariantCulture);
}
