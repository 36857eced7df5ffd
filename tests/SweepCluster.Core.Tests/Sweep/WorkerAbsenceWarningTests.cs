using SweepCluster.Core.Sweep;

namespace SweepCluster.Core.Tests.Sweep;

/// <summary>The coordinator's log about a sweep without worker slots: one warning per episode, one line when slots return.</summary>
public sealed class WorkerAbsenceWarningTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Warns_once_after_the_patience_and_says_when_slots_are_back()
    {
        var warning = new WorkerAbsenceWarning();

        Assert.Null(warning.Observe(Start, pending: 4, connectedSlots: 0));
        Assert.Equal("No worker slot has been connected for 30 s while 4 trials are pending: start a worker that joins this coordinator.",
            warning.Observe(Start + WorkerAbsence.Patience, pending: 4, connectedSlots: 0));
        Assert.Null(warning.Observe(Start + WorkerAbsence.Patience * 2, pending: 4, connectedSlots: 0));
        Assert.Equal("2 worker slot(s) connected again.", warning.Observe(Start + WorkerAbsence.Patience * 3, pending: 4, connectedSlots: 2));
        Assert.Null(warning.Observe(Start + WorkerAbsence.Patience * 4, pending: 4, connectedSlots: 2));
    }

    [Fact]
    public void A_sweep_with_nothing_pending_is_not_waiting_for_workers()
    {
        var warning = new WorkerAbsenceWarning();
        Assert.Null(warning.Observe(Start, pending: 0, connectedSlots: 0));
        Assert.Null(warning.Observe(Start + WorkerAbsence.Patience * 2, pending: 0, connectedSlots: 0));
    }
}
