using System.Collections.Concurrent;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Support;

/// <summary>An <see cref="ITrialRunner"/> that trains packs by a delegate and records every call: each
/// <see cref="RunPack"/> call's members, and each lone <see cref="Run"/>.</summary>
internal sealed class PackRunner(Func<IReadOnlyList<PackMember>, CancellationToken, IReadOnlyList<TrialResult>> runPack) : ITrialRunner
{
    public ConcurrentQueue<IReadOnlyList<PackMember>> Packs { get; } = new();
    public ConcurrentQueue<TrialId> Lone { get; } = new();

    /// <summary>Every trial handed to the runner, once per time it was run.</summary>
    public IReadOnlyList<TrialId> RunTrials => Packs.SelectMany(p => p.Select(m => m.Id)).Concat(Lone).ToList();

    public TrialResult Run(TrialId id, TrialConfig config, TrialRunContext context, CancellationToken cancellation)
    {
        Lone.Enqueue(id);
        return runPack([new PackMember(id, config, context.Progress)], cancellation)[0];
    }

    public IReadOnlyList<TrialResult> RunPack(IReadOnlyList<PackMember> members, TrialRunContext context, CancellationToken cancellation)
    {
        Packs.Enqueue(members);
        return runPack(members, cancellation);
    }

    /// <summary>Reports each epoch of every member, as a batched network would, then completes them all.</summary>
    public static PackRunner Completing(int epochs = 3) => new((members, _) =>
    {
        for (var epoch = 1; epoch <= epochs; epoch++)
            foreach (var m in members) m.Progress?.Report(new TrialProgress(epoch, epochs, 1.0 / epoch));
        return members.Select(m => FakeTrials.Completed(m.Id, m.Config)).ToList();
    });
}
