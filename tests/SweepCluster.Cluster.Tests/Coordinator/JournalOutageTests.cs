using System.Net.Sockets;
using System.Runtime.Serialization;
using Akka.Pattern;
using Microsoft.Data.Sqlite;
using Npgsql;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Tests.Support;

namespace SweepCluster.Cluster.Tests.Coordinator;

/// <summary>Which journal failures the sweep waits out (an unreachable database), and for how long: the outage is timed
/// from its first failure, across the coordinator's incarnations, and ends when the journal answers. The whole path, a
/// real PostgreSQL stopped mid-sweep, is in the integration tests (PostgresJournalTests).</summary>
public sealed class JournalOutageTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unreachable_database_is_waited_out_wherever_the_journal_wraps_its_failure()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
        Assert.True(JournalFailures.IsUnavailable(refused));
        Assert.True(JournalFailures.IsUnavailable(new InvalidOperationException("write failed", refused)));
        Assert.True(JournalFailures.IsUnavailable(new AggregateException(new Exception("outer", refused))));
        Assert.True(JournalFailures.IsUnavailable(new OpenCircuitException("the breaker is open")));
        Assert.True(JournalFailures.IsUnavailable(new SocketException((int)SocketError.ConnectionReset)));
    }

    [Fact]
    public void A_full_disk_an_undecodable_event_or_a_timeout_is_not_waited_out()
    {
        const int sqliteFull = 13;
        Assert.False(JournalFailures.IsUnavailable(new SqliteException("database or disk is full", sqliteFull)));
        Assert.False(JournalFailures.IsUnavailable(new SerializationException("unknown manifest")));
        Assert.False(JournalFailures.IsUnavailable(new TimeoutException("The operation has timed out.")));
    }

    [Fact]
    public void An_outage_is_timed_from_its_first_failure_and_ends_when_the_journal_answers()
    {
        var clock = new ManualClock(Start);
        var told = new List<TimeSpan?>();
        var outage = new JournalOutage(TimeSpan.FromMinutes(1), clock, told.Add);

        Assert.Null(outage.Ended()); // a recovery with no outage before it
        Assert.Equal(TimeSpan.Zero, outage.Failed());
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(20), outage.Failed());
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(25), outage.Ended());

        // The next outage starts its own clock.
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.Zero, outage.Failed());
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(20), null, TimeSpan.Zero], told);
    }
}
