using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Sweep;

/// <summary>Small trials, results and the coordinator's process-then-apply step, for the sweep state tests.</summary>
internal static class SweepSteps
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PlannedTrial Planned(int seed)
    {
        var config = new TrialConfig
        {
            Dataset = new DatasetSettings(), Model = new ModelSettings(), Training = new TrainingSettings(),
            Information = new InformationSettings(), Depth = 1, Width = 4, TrainSize = 100, Seed = seed,
        };
        return new PlannedTrial(new TrialId($"t-{seed}"), config);
    }

    public static TrialResult Result(PlannedTrial trial, TrialStatus status = TrialStatus.Completed) => new()
    {
        TrialId = trial.Id, Config = trial.Config, Status = status,
        FailureReason = status == TrialStatus.Failed ? "diverged at step 3" : null,
    };

    /// <summary>Processes a command and applies its events, as the coordinator does.</summary>
    public static (SweepState State, IReadOnlyList<ISweepEvent> Events) Step(SweepState state, ISweepCommand command)
    {
        var events = state.Process(command);
        return (state.ApplyAll(events), events);
    }
}
