using SweepCluster.Core.Sweep;

namespace SweepCluster.Core.Tests.Sweep;

public sealed class SweepProgressModelTests
{
    [Fact]
    public void Trial_rate_is_per_minute_over_the_window()
    {
        var rate = new TrialRate(TimeSpan.FromMinutes(1));
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0, rate.Add(start, 0));
        Assert.Equal(20, rate.Add(start.AddSeconds(30), 10), 9);
        // Samples older than the window drop out: 10 more over the last 60 s.
        Assert.Equal(10, rate.Add(start.AddSeconds(90), 20), 9);
    }

    [Fact]
    public void The_view_gives_counts_rate_and_time_left_from_the_same_samples()
    {
        var model = new SweepProgressModel();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var first = model.Observe(start, total: 40, completed: 0, failed: 0, running: 2);
        Assert.Null(first.Eta);
        var later = model.Observe(start.AddSeconds(30), total: 40, completed: 8, failed: 2, running: 2);
        Assert.Equal(20, later.PerMinute, 9);
        Assert.Equal(30, later.Remaining);
        Assert.Equal(TimeSpan.FromMinutes(1.5), later.Eta);
        Assert.Equal(TimeSpan.Zero, model.Observe(start.AddSeconds(60), 40, 38, 2, 0).Eta);
    }
}
