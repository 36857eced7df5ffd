using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Cluster.Workers;
using SweepCluster.Core.Trials;
using SweepCluster.Sessions;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Cluster.Tests.Persistence;

/// <summary>The coordinator on a real SQLite journal, stopped and started again in a new actor system: it recovers from
/// its latest snapshot plus the events after it, and runs only the trials that had not ended.</summary>
public sealed class JournalRecoveryTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("journal-recovery-").FullName;
    private readonly SweepPlan _plan = new("recovery", "name: recovery", FakeTrials.Plan(10), MaxAttempts: 2);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SqliteJournal Journal => SqliteJournal.In(_folder);

    private IHost Node(ITrialRunner runner, RecordingSink sink, RecoveredSweep? handed = null)
    {
        var plan = handed is null ? _plan : _plan with { Recovered = new RecoveredSweepHandoff(handed) };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("sweepcluster", akka =>
        {
            akka.AddHocon("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR", HoconAddMode.Prepend);
            akka.ConfigureSweepCluster(new SweepClusterOptions { Port = 0 })
                .WithSweepJournal(Journal.Settings)
                .AddSweepCoordinator(plan, sink, new SweepCoordinatorSettings { SnapshotEvery = 4 })
                .AddTrialWorkers(runner, [new WorkerSlot("cpu", 1)], new TrialWorkerSettings { RetryInterval = TimeSpan.FromMilliseconds(200) });
        });
        return builder.Build();
    }

    /// <param name="handOver">The second start takes the state the opener read (as `run` and `resume` do) instead of
    /// recovering it itself.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_restarted_coordinator_recovers_from_its_snapshot_and_runs_only_what_had_not_ended(bool handOver)
    {
        Journal.Prepare(mustExist: false);
        var firstSink = new RecordingSink();
        // The first node completes six trials, then its slot hangs on the seventh until the node stops.
        int started = 0;
        var hanging = new FakeRunner((id, config, _, cancellation) =>
        {
            if (Interlocked.Increment(ref started) > 6) cancellation.WaitHandle.WaitOne();
            cancellation.ThrowIfCancellationRequested();
            return FakeTrials.Completed(id, config);
        });
        using (var first = Node(hanging, firstSink))
        {
            await first.StartAsync();
            await Until(() => firstSink.Results.Count == 6 && started == 7);
            await first.StopAsync();
        }
        Assert.True(SnapshotRows() > 0, "no snapshot was saved after 4 events");
        var replay = await SweepJournalReader.ReadAsync(Journal, _plan.PersistenceId, CancellationToken.None);
        Assert.Equal(firstSink.Results.Select(r => r.TrialId), replay!.Ended.Select(r => r.TrialId));

        var read = await SweepJournalReader.ReadStateAsync(Journal, _plan.PersistenceId, CancellationToken.None);
        Assert.Equal(6, read!.State.Count(Core.Sweep.TrialPhase.Completed));
        var secondSink = new RecordingSink();
        var completing = FakeRunner.Completing();
        using (var second = Node(completing, secondSink, handOver ? read : null))
        {
            await second.StartAsync();
            await Until(() => !secondSink.Finished.IsEmpty);
            await second.StopAsync();
        }

        var before = firstSink.Results.Select(r => r.TrialId.Value).ToHashSet();
        var after = secondSink.Results.Select(r => r.TrialId.Value).ToList();
        Assert.Equal(4, after.Count);
        Assert.DoesNotContain(after, before.Contains);
        Assert.DoesNotContain(completing.Calls, c => before.Contains(c.TrialId.Value));
        var summary = Assert.Single(secondSink.Finished);
        Assert.Equal((10, 10, 0), (summary.Total, summary.Completed, summary.Failed));
    }

    private long SnapshotRows()
    {
        using var db = new SqliteConnection(Journal.Settings.ConnectionString);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM snapshot";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition()) await Task.Delay(50, timeout.Token);
    }
}
