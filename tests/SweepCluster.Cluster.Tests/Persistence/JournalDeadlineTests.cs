using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Cluster.Tests.Persistence;

/// <summary>The journal's request timeout is every deadline Akka.Persistence puts on the journal, and a coordinator
/// whose journal outruns it stops with a timeout (the command's exit code 4), not a journal failure (exit code 3).</summary>
public sealed class JournalDeadlineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("journal-deadline-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private JournalSettings Settings(TimeSpan timeout) => SqliteJournal.In(_folder).Settings with { RequestTimeout = timeout };

    private IHost Node(JournalSettings journal, RecordingSink? sink = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("sweepcluster", akka =>
        {
            akka.AddHocon("akka.loglevel = OFF\nakka.stdout-loglevel = OFF", HoconAddMode.Prepend);
            akka.ConfigureSweepCluster(new SweepClusterOptions { Port = 0 }).WithSweepJournal(journal);
            if (sink is not null)
                akka.AddSweepCoordinator(new SweepPlan("deadline", "name: deadline", FakeTrials.Plan(3), MaxAttempts: 1), sink, new SweepCoordinatorSettings());
        });
        return builder.Build();
    }

    [Fact]
    public async Task Every_journal_deadline_is_the_request_timeout()
    {
        SqliteJournal.In(_folder).Prepare(mustExist: false);
        using var node = Node(Settings(TimeSpan.FromSeconds(77)));
        await node.StartAsync();
        var config = node.Services.GetRequiredService<ActorSystem>().Settings.Config;
        foreach (string key in new[]
                 {
                     "akka.persistence.journal.sql.circuit-breaker.call-timeout", "akka.persistence.journal.sql.recovery-event-timeout",
                     "akka.persistence.snapshot-store.sql.circuit-breaker.call-timeout", "akka.persistence.query.journal.sql.query-throttle-timeout",
                 })
            Assert.True(config.GetTimeSpan(key) == TimeSpan.FromSeconds(77), $"{key} is {config.GetTimeSpan(key)}");
        await node.StopAsync();
    }

    [Fact]
    public async Task A_coordinator_whose_journal_outruns_the_deadline_stops_with_a_timeout_not_a_failure()
    {
        SqliteJournal.In(_folder).Prepare(mustExist: false);
        var sink = new RecordingSink();
        using var node = Node(Settings(TimeSpan.FromMilliseconds(1)), sink);
        await node.StartAsync();
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
            while (sink.JournalFailures.IsEmpty) await Task.Delay(50, patience.Token);
        await node.StopAsync();

        var failure = Assert.Single(sink.JournalFailures);
        Assert.IsType<JournalTimeoutException>(failure);
        Assert.Empty(sink.Results);
    }
}
