using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Sweep;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Sessions;

/// <summary>Reads a sweep's journal in a small actor system of its own (no cluster): either its state as recovery
/// sees it (<see cref="ReadStateAsync"/>: latest snapshot plus the events after it, what opening a sweep needs), or
/// every event from the first through Akka.Persistence.Query, folded into a <see cref="SweepReplay"/> (the ended
/// results in journal order, from which trials.jsonl, the summaries and the plots are projected).</summary>
public static class SweepJournalReader
{
    /// <summary>The state <paramref name="persistenceId"/>'s journal holds, or null when it holds no event of it.</summary>
    /// <exception cref="JournalException">The journal holds only other sweeps, or a snapshot or event cannot be read.</exception>
    public static Task<RecoveredSweep?> ReadStateAsync(IJournalBackend journal, string persistenceId, CancellationToken cancellation) =>
        WithSystemAsync(journal, persistenceId, cancellation, async system =>
        {
            var recovered = new TaskCompletionSource<RecoveredSweep>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(SweepStateReader.Props(persistenceId, recovered), "state-reader");
            var read = await recovered.Task.WaitAsync(cancellation);
            return read.LastSequenceNr > 0 ? read : null;
        });

    /// <summary>The replay of <paramref name="persistenceId"/> from its first event, or null when the journal holds no event of it.</summary>
    /// <exception cref="JournalException">The journal holds only other sweeps, or an event cannot be read.</exception>
    public static Task<SweepReplay?> ReadAsync(IJournalBackend journal, string persistenceId, CancellationToken cancellation) =>
        WithSystemAsync(journal, persistenceId, cancellation, async system =>
        {
            var query = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            var replay = new SweepReplay();
            await query.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
                .RunForeach(envelope => replay.Apply((ISweepEvent)envelope.Event), system.Materializer());
            return replay.Events > 0 ? replay : null;
        });

    /// <summary>For `status`, read without writing (<see cref="IJournalBackend.ReadOnlySettings"/>): the state as
    /// recovery sees it, and the journal times of the trials ended among the last <paramref name="tailEvents"/> events
    /// (for the rate); null when the journal holds no event of the sweep.</summary>
    public static Task<JournalStatusRead?> ReadStatusAsync(IJournalBackend journal, string persistenceId, int tailEvents, CancellationToken cancellation) =>
        WithSystemAsync(journal, persistenceId, cancellation, async system =>
        {
            var recovered = new TaskCompletionSource<RecoveredSweep>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(SweepStateReader.Props(persistenceId, recovered), "state-reader");
            var state = await recovered.Task.WaitAsync(cancellation);
            if (state.LastSequenceNr == 0) return null;
            var query = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            var ends = new List<DateTimeOffset>();
            await query.CurrentEventsByPersistenceId(persistenceId, Math.Max(1, state.LastSequenceNr - tailEvents + 1), state.LastSequenceNr)
                .RunForeach(envelope =>
                {
                    if (envelope.Event is TrialCompleted or TrialAttemptFailed { Final: true })
                        ends.Add(new DateTimeOffset(envelope.Timestamp, TimeSpan.Zero)); // UTC ticks, as the journal stores them
                }, system.Materializer());
            return new JournalStatusRead(state, ends);
        }, readOnly: true);

    /// <summary>Runs <paramref name="read"/> in a journal-only actor system; a null answer (no event of the sweep) is
    /// checked against the other sweeps the journal may hold.</summary>
    private static async Task<T?> WithSystemAsync<T>(IJournalBackend journal, string persistenceId, CancellationToken cancellation,
        Func<ActorSystem, Task<T?>> read, bool readOnly = false) where T : class
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("sweepcluster-journal", akka =>
        {
            // A read-only reader reports what fails as one sentence (its exception); Akka's own log lines would add stack traces.
            akka.WithLogLevel(readOnly ? NodeLogLevel.Off : NodeLogLevel.Error);
            akka.WithSweepJournal(readOnly ? journal.ReadOnlySettings : journal.Settings, createTables: !readOnly);
        });
        using var host = builder.Build();
        await host.StartAsync(cancellation);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            T? answer;
            try
            {
                await JournalDeadlines.WhenJournalStartedAsync(system, journal.Settings);
                answer = await read(system);
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested)
            {
                throw JournalReadFailure.From(e, journal);
            }
            if (answer is not null) return answer;
            // A store of this folder's alone that holds other sweeps is the wrong journal, not an empty one.
            if (journal.HoldsOneSweep)
            {
                var query = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
                var others = await query.CurrentPersistenceIds().Take(3).RunAggregate(new List<string>(), (ids, id) => { ids.Add(id); return ids; }, system.Materializer());
                if (others.Count > 0)
                    throw new JournalException(
                        $"{journal.Describe()} holds another sweep ({string.Join(", ", others)}), not {persistenceId}; it was left as it is: put back this folder's own journal, or start a new sweep in another folder with run SPEC --force-new.");
            }
            return null;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}

/// <summary>What `status` reads from a journal: its state and when its most recent trials ended.</summary>
public sealed record JournalStatusRead(RecoveredSweep State, IReadOnlyList<DateTimeOffset> RecentEnds);
