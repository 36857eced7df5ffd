using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Training.Optimization;

/// <summary>The step size alpha_t and the update-noise std sigma_t of step t (0-based), as the bounds log them.</summary>
internal sealed class StepSchedule(TrialConfig config)
{
    private readonly double _learningRate = config.Training.LearningRate;
    private readonly bool _inverseTime = config.Training.Schedule == ScheduleKind.InverseTime;
    private readonly double _decay = config.Training.LrDecay;
    private readonly double _noise = config.SgldNoise;
    private readonly bool _inverseTemperature = config.Training.SgldParameterization == SgldParameterization.InverseTemperature;

    public double Alpha(long step) => _inverseTime ? _learningRate / (1.0 + _decay * step) : _learningRate;

    /// <summary>sgld_noise read as sigma_t itself, or as an inverse temperature beta with sigma_t^2 = 2 alpha_t / beta.</summary>
    public double Sigma(long step) =>
        _noise <= 0 ? 0.0 : _inverseTemperature ? Math.Sqrt(2.0 * Alpha(step) / _noise) : _noise;
}
