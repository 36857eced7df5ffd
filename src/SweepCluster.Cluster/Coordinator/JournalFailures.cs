using System.Data.Common;
using System.Net.Sockets;
using Akka.Pattern;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The one sentence the coordinator stops the sweep with when its journal fails, or holds what this plan cannot
/// continue; it replaces Akka's own log line (an error with a stack trace).</summary>
internal static class JournalFailures
{
    // A request that ran out of time (a busy machine) is told apart from a failing journal: its fix differs.
    public static Exception Unreadable(Exception e) => Failure($"the journal could not be read ({Describe(e)})", e);

    public static Exception Unwritable(Exception e) => Failure($"the journal could not be written ({Describe(e)})", e);

    public static Exception Unreachable(Exception e, TimeSpan lasted) =>
        Failure($"the journal's database could not be reached for {lasted.TotalSeconds:0} s ({Describe(e)})", e);

    public static Exception Refused(Exception e) => new JournalException($"the journal refused an event ({Describe(e)})");

    private static Exception Failure(string message, Exception cause) =>
        TimedOutRequest.Find(cause) is not null ? new JournalTimeoutException(message) : new JournalException(message);

    /// <summary>Why the recovered journal must not be continued, or null. A handed state older than the journal cannot
    /// happen while this process holds the journal lock; it is refused rather than run on.</summary>
    public static string? OnRecovery(RecoveredSweep? handed, long lastSequenceNr, SweepState state, string sweepId) =>
        handed is not null && handed.LastSequenceNr != lastSequenceNr
            ? $"the journal changed while the sweep was opening ({handed.LastSequenceNr} events read, {lastSequenceNr} now)"
            : state.Definition is { } known && known.SweepId != sweepId
                ? $"the journal holds sweep {known.SweepId}, not {sweepId}"
                : null;

    /// <summary>True when <paramref name="e"/> says the database could not be reached (a refused or broken connection,
    /// a server shutting down or starting up, or the journal's circuit breaker open after such failures): worth waiting
    /// out. An event the journal refused or cannot decode is not: waiting would not change it.</summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        DbException { IsTransient: true } or SocketException or OpenCircuitException => true,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Any(IsUnavailable),
        _ when e.InnerException is { } inner => IsUnavailable(inner),
        _ => false,
    };

    public static string Describe(Exception e) =>
        e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message}: {inner.Message}" : e.Message;
}
