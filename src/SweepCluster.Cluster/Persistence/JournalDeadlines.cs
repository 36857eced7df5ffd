using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;

namespace SweepCluster.Cluster.Persistence;

/// <summary>The one place that sets every deadline Akka.Persistence and Akka.Persistence.Sql put on a journal request,
/// all to <see cref="JournalSettings.RequestTimeout"/>: their defaults (a 10 s write, a 20 s snapshot, 30 s between
/// recovered events, 3 s for a query's turn, and a fixed 5 s wait for the journal's start inside the query journal's
/// constructor) ran out on a busy machine and turned a healthy sweep into "journal failed" or "unreadable event".</summary>
public static class JournalDeadlines
{
    private static readonly TimeSpan BreakerResetTimeout = TimeSpan.FromSeconds(5);

    internal static AkkaConfigurationBuilder WithJournalDeadlines(this AkkaConfigurationBuilder builder, JournalSettings journal)
    {
        string t = $"{Math.Max(1, (long)Math.Ceiling(journal.RequestTimeout.TotalMilliseconds))}ms";
        // A breaker opened by an outage's failures would refuse the database for 30 s after it is back; the coordinator
        // retries every few seconds during an outage (JournalBackoff), so the breaker tries again as often.
        string r = $"{(long)BreakerResetTimeout.TotalMilliseconds}ms";
        return builder.AddHocon($$"""
            akka.persistence {
              journal.sql { circuit-breaker.call-timeout = {{t}}, circuit-breaker.reset-timeout = {{r}}, recovery-event-timeout = {{t}} }
              journal-plugin-fallback { circuit-breaker.call-timeout = {{t}}, circuit-breaker.reset-timeout = {{r}}, recovery-event-timeout = {{t}} }
              snapshot-store.sql { circuit-breaker.call-timeout = {{t}}, circuit-breaker.reset-timeout = {{r}} }
              snapshot-store-plugin-fallback { circuit-breaker.call-timeout = {{t}}, circuit-breaker.reset-timeout = {{r}} }
              query.journal.sql.query-throttle-timeout = {{t}}
            }
            """, HoconAddMode.Prepend);
    }

    /// <summary>Waits, up to the request timeout, until the default journal has started (its tables checked or made):
    /// a request it answers only once started (a replay of no event, which reads one highest sequence number).
    /// Akka.Persistence.Sql's query journal waits for that start itself, with a fixed 5 s that a busy machine
    /// outran; after this its wait answers at once.</summary>
    /// <exception cref="AskTimeoutException">The journal did not start in time.</exception>
    public static Task WhenJournalStartedAsync(ActorSystem system, JournalSettings journal) =>
        Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null).Ask<object>(
            replyTo => new ReplayMessages(0, 0, 0, "sweepcluster-journal-start", replyTo), journal.RequestTimeout, CancellationToken.None);
}
