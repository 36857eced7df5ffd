using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SweepCluster.Training.Optimization;

/// <summary>Clips the gradient of a set of parameters to total norm K, with a norm that is bit-identical for any number
/// of threads.</summary>
/// <remarks>torch's clip_grad_norm_ reduces each gradient to one number; above 32,768 elements libtorch splits such a
/// reduction over its threads, so the norm, and every step after it, changed with the thread count. Here each gradient
/// is laid out as rows of 1,024 (zero-padded) and reduced row by row in float64 (libtorch gives each output of a
/// reduction to one thread, so a row's sum has a fixed order), and the row sums are added on the host in a fixed order.</remarks>
internal static class GradientClipping
{
    private const int RowLength = 1024;

    /// <summary>Scales every gradient by min(1, K / (||g|| + 1e-6)), as clip_grad_norm_ does; returns ||g||.</summary>
    public static double ClipTotalNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        using var noGrad = no_grad();
        double norm = Math.Sqrt(SumOfSquares(parameters));
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
            foreach (var p in parameters)
                p.grad?.mul_(coefficient);
        return norm;
    }

    private static double SumOfSquares(IReadOnlyList<Parameter> parameters)
    {
        double total = 0;
        foreach (var p in parameters)
        {
            if (p.grad is not { } grad) continue;
            using var scope = NewDisposeScope();
            Tensor flat = grad.flatten().to(float64);
            long padding = (RowLength - flat.numel() % RowLength) % RowLength;
            if (padding > 0) flat = cat([flat, zeros(padding, float64, flat.device)]);
            Tensor rows = flat.view(-1, RowLength);
            Tensor perRow = rows.square().sum(1).cpu();
            foreach (double value in perRow.data<double>()) total += value;
        }
        return total;
    }
}
