using System.Runtime.Serialization;
using System.Text.Json;
using SweepCluster.Cluster;
using SweepCluster.Cluster.Persistence;
using SweepCluster.Sessions.Journals;

namespace SweepCluster.Sessions;

/// <summary>What a failed read of a journal means, and so what the user is told: a request that ran out of time is
/// load (run the command again), bytes that do not decode are an event this version cannot read (the only case that
/// advises a new sweep), anything else is the store failing (reach it, then run the command again).</summary>
internal static class JournalReadFailure
{
    public static Exception From(Exception e, IJournalBackend journal)
    {
        // A query that waited too long for its turn is cancelled by Akka.Persistence.Sql's throttle, not by the user.
        if ((TimedOutRequest.Find(e) ?? e as OperationCanceledException) is { } timeout)
            return new JournalTimeoutException(
                $"reading the journal ({journal.Describe()}) ran out of time ({timeout.Message.TrimEnd('.')}; a request may take {journal.Settings.RequestTimeout.TotalSeconds:0.###} s)", e);
        if (Undecodable(e) is { } decoding)
            return new JournalException(
                $"the journal ({journal.Describe()}) holds an event this version cannot read ({decoding.Message.TrimEnd('.')}); it was left as it is: use the SweepCluster version that wrote it, or start a new sweep in another folder with run SPEC --force-new.", e);
        return new JournalException(
            $"the journal ({journal.Describe()}) could not be read ({Innermost(e).Message.TrimEnd('.')}); it was left as it is: make sure its disk or database can be reached, then run the same command again.", e);
    }

    /// <summary>The serializer's refusal (unknown manifest) or the JSON reader's (bytes that are not the event), if any.</summary>
    private static Exception? Undecodable(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is SerializationException or JsonException) return inner;
        return e is AggregateException aggregate ? aggregate.Flatten().InnerExceptions.Select(Undecodable).FirstOrDefault(u => u is not null) : null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
