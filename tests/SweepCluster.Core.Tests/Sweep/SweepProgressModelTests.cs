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
        var first = model.Observe(start, total: 40, completed: 0, failed: 0, running: 2, connectedSlots: 2);
        Assert.Null(first.Eta);
        var later = model.Observe(start.AddSeconds(30), total: 40, completed: 8, failed: 2, running: 2, connectedSlots: 2);
        Assert.Equal(20, later.PerMinute, 9);
        Assert.Equal(10, later.Ended);
        Assert.Equal(TimeSpan.FromMinutes(1.5), later.Eta);
        Assert.Equal(TimeSpan.Zero, model.Observe(start.AddSeconds(60), 40, 38, 2, 0, 2).Eta);
    }

    [Fact]
    public void The_view_says_when_trials_have_waited_30_s_with_no_worker_slot_connected()
    {
        var model = new SweepProgressModel();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Null(model.Observe(start, 40, 0, 0, 0, connectedSlots: 0).WithoutWorkers);
        Assert.Null(model.Observe(start.AddSeconds(29), 40, 0, 0, 0, connectedSlots: 0).WithoutWorkers);
        Assert.Equal(TimeSpan.FromSeconds(31), model.Observe(start.AddSeconds(31), 40, 0, 0, 0, connectedSlots: 0).WithoutWorkers);
        // A slot that connects ends the wait; the next absence counts from its own start.
        Assert.Null(model.Observe(start.AddSeconds(32), 40, 0, 0, 0, connectedSlots: 1).WithoutWorkers);
        Assert.Null(model.Observe(start.AddSeconds(40), 40, 0, 0, 0, connectedSlots: 0).WithoutWorkers);
        Assert.Null(model.Observe(start.AddSeconds(69), 40, 0, 0, 0, connectedSlots: 0).WithoutWorkers);
        Assert.NotNull(model.Observe(start.AddSeconds(70), 40, 0, 0, 0, connectedSlots: 0).WithoutWorkers);
    }

    [Fact]
    public void No_slot_and_nothing_pending_is_not_a_wait_for_workers()
    {
        var absence = new WorkerAbsence();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Null(absence.Observe(start, pending: 0, connectedSlots: 0));
        Assert.Null(absence.Observe(start.AddMinutes(5), pending: 0, connectedSlots: 0));
        Assert.Null(absence.Observe(start.AddMinutes(5), pending: 3, connectedSlots: 0));
        Assert.Equal(WorkerAbsence.Patience, absence.Observe(start.AddMinutes(5) + WorkerAbsence.Patience, pending: 3, connectedSlots: 0));
    }
}
