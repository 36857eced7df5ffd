using SweepCluster.Core.Spec;
using SweepCluster.Training.Optimization;

namespace SweepCluster.Training.Tests.Optimization;

public sealed class StepScheduleTests
{
    [Fact]
    public void A_constant_schedule_with_std_noise_keeps_alpha_and_sigma()
    {
        var config = TrialConfigs.Small() with { SgldNoise = 0.05 };
        config = config with { Training = config.Training with { LearningRate = 0.1, LrDecay = 0.5 } };
        var schedule = new StepSchedule(config);
        Assert.Equal((0.1, 0.05), (schedule.Alpha(10), schedule.Sigma(10)));
    }

    [Fact]
    public void Inverse_time_decays_alpha_and_inverse_temperature_reads_the_noise_as_beta()
    {
        var config = TrialConfigs.Small() with { SgldNoise = 100 };
        config = config with
        {
            Training = config.Training with
            {
                LearningRate = 0.1, LrDecay = 0.5,
                Schedule = ScheduleKind.InverseTime,
                SgldParameterization = SgldParameterization.InverseTemperature,
            },
        };
        var schedule = new StepSchedule(config);
        Assert.Equal(0.1 / 3.0, schedule.Alpha(4), 12);
        Assert.Equal(Math.Sqrt(2.0 * (0.1 / 3.0) / 100), schedule.Sigma(4), 12);
    }
}
