using SweepCluster.Core.Grid;
using SweepCluster.Training.Measurement;
using SweepCluster.Training.Model;
using SweepCluster.Training.Optimization;

namespace SweepCluster.Training.Running;

/// <summary>What one pack member's training logs step by step for its bounds, until it ends or diverges.</summary>
internal sealed class MemberLog(TrialConfig config, bool perExample)
{
    private readonly List<double> _alphas = [], _sigmas = [];
    private readonly List<int[]> _batches = [];

    public List<double> EpochLosses { get; } = [];

    /// <summary>The first step whose loss was not finite; null while the member trains.</summary>
    public long? DivergedAt { get; private set; }

    public void Record(StepSchedule schedule, long step, int[] batch)
    {
        _alphas.Add(schedule.Alpha(step));
        _sigmas.Add(schedule.Sigma(step));
        _batches.Add(batch);
    }

    /// <summary>Ends the member at <paramref name="step"/>, cutting the steps from it on (taken on a diverged model).</summary>
    public void Diverge(long step)
    {
        DivergedAt = step;
        int kept = (int)step;
        _alphas.RemoveRange(kept, _alphas.Count - kept);
        _sigmas.RemoveRange(kept, _sigmas.Count - kept);
        _batches.RemoveRange(kept, _batches.Count - kept);
    }

    /// <summary>The log; <paramref name="trainedParameters"/> is what one member trains (a row of the pack's trained values).</summary>
    public TrainingLog ToLog(long trainedParameters, NoisyMlp model) =>
        new(_alphas, _sigmas, _batches, config.Training.Clip, perExample,
            TrainedParameters: trainedParameters,
            OutputParameters: model.OutputParameters().Sum(p => p.numel()),
            EpochLosses, DivergedAt);
}
