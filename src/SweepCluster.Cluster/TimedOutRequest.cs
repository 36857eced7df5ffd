using Akka.Actor;
using Akka.Persistence;

namespace SweepCluster.Cluster;

/// <summary>The one rule for "a request ran out of time" (an ask, a task wait, a journal call, a recovery that waited
/// too long for its next event): on a busy machine that is a matter of load, reported as such and never as damage.</summary>
public static class TimedOutRequest
{
    /// <summary>The timeout <paramref name="e"/> is or wraps, or null when it is another failure.</summary>
    public static Exception? Find(Exception e) => e switch
    {
        AskTimeoutException or TimeoutException or RecoveryTimedOutException => e,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(Find).FirstOrDefault(t => t is not null),
        _ when e.InnerException is { } inner => Find(inner),
        _ => null,
    };
}
