using System.Collections.Concurrent;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Support;

/// <summary>An <see cref="ITrialRunner"/> that runs a delegate instead of training, and records every call.</summary>
internal sealed class FakeRunner(Func<TrialId, TrialConfig, TrialRunContext, CancellationToken, TrialResult> run) : ITrialRunner
{
    public ConcurrentQueue<RunnerCall> Calls { get; } = new();

    public TrialResult Run(TrialId id, TrialConfig config, TrialRunContext context, CancellationToken cancellation)
    {
        Calls.Enqueue(new RunnerCall(id, context.Device, context.Threads, Thread.CurrentThread.IsThreadPoolThread));
        return run(id, config, context, cancellation);
    }

    /// <summary>Reports each epoch, then completes.</summary>
    public static FakeRunner Completing(int epochs = 3) => new((id, config, context, _) =>
    {
        for (var epoch = 1; epoch <= epochs; epoch++) context.Progress?.Report(new TrialProgress(epoch, epochs, 1.0 / epoch));
        return FakeTrials.Completed(id, config);
    });
}

/// <summary>One call of the fake runner: which trial, on what slot settings, on what kind of thread.</summary>
internal sealed record RunnerCall(TrialId TrialId, string Device, int Threads, bool OnPoolThread);
