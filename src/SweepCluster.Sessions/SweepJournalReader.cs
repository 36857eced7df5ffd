using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Sessions;

/// <summary>Reads a sweep's journal from its first event, through Akka.Persistence.Query in a small actor system of
/// its own (no cluster), and folds it into a <see cref="SweepReplay"/>: the state and the ended results from which
/// trials.jsonl, the summaries and the plots are projected.</summary>
public static class SweepJournalReader
{
    /// <summary>The replay of <paramref name="persistenceId"/>, or null when the journal holds no event of it.</summary>
    /// <exception cref="JournalException">The journal holds only other sweeps, or an event cannot be read.</exception>
    public static async Task<SweepReplay?> ReadAsync(JournalSettings journal, string persistenceId, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("sweepcluster-journal", akka =>
        {
            akka.AddHocon("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR", HoconAddMode.Prepend);
            akka.WithSweepJournal(journal);
        });
        using var host = builder.Build();
        await host.StartAsync(cancellation);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var materializer = system.Materializer();
            var query = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            var replay = new SweepReplay();
            try
            {
                await query.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
                    .RunForeach(envelope => replay.Apply((ISweepEvent)envelope.Event), materializer);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new JournalException(
                    $"the journal ({journal.Describe()}) holds an event this version cannot read ({Innermost(e).Message.TrimEnd('.')}); it was left as it is: use the SweepCluster version that wrote it, or start a new sweep in another folder with run SPEC --force-new.", e);
            }
            if (replay.Events > 0) return replay;
            if (journal.Kind == JournalKind.Sqlite)
            {
                var others = await query.CurrentPersistenceIds().Take(3).RunAggregate(new List<string>(), (ids, id) => { ids.Add(id); return ids; }, materializer);
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

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
