using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Tests.Support;

/// <summary>Small planned trials and results, no training involved.</summary>
internal static class FakeTrials
{
    public static PlannedTrial Planned(int seed) => new(new TrialId($"t-{seed}"), new TrialConfig
    {
        Dataset = new DatasetSettings(), Model = new ModelSettings(), Training = new TrainingSettings { Epochs = 3 },
        Information = new InformationSettings(), Depth = 2, Width = 8, TrainSize = 100, Seed = seed,
    });

    public static IReadOnlyList<PlannedTrial> Plan(int count) => Enumerable.Range(0, count).Select(Planned).ToList();

    /// <summary>Trial ids in a fixed order, to compare collections that may arrive in any order (duplicates kept).</summary>
    public static IReadOnlyList<string> Sorted(IEnumerable<TrialId> ids) => ids.Select(id => id.Value).Order(StringComparer.Ordinal).ToList();

    public static TrialResult Completed(TrialId id, TrialConfig config) => new()
    {
        TrialId = id, Config = config, Status = TrialStatus.Completed,
        TrainError = 0.1, TestError = 0.15, Gap = 0.05, TrainLoss = 0.3, TestLoss = 0.4, LossGap = 0.1,
    };

    public static TrialResult Diverged(TrialId id, TrialConfig config) => new()
    {
        TrialId = id, Config = config, Status = TrialStatus.Failed, FailureReason = "diverged at step 3",
    };
}
