using Akka.Actor;
using Akka.Pattern;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The coordinator under a backoff supervisor, the singleton's actor: Akka stops a persistent actor whose journal
/// write or recovery failed, and while the database is unreachable (<see cref="JournalOutage"/>) the supervisor starts
/// it again, at growing intervals, until it recovers. Messages reach it through the supervisor with their sender; while
/// it is down they are dropped, and workers resend what must arrive. A coordinator that stops the sweep for good stops
/// its supervisor too (<see cref="SweepJournalShell"/>), so the sweep is not taken up again behind the command's back.</summary>
internal static class JournalBackoff
{
    // Short enough that a database back in seconds is used at once, long enough not to hammer one that is down.
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500), MaxBackoff = TimeSpan.FromSeconds(5);

    public const string ChildName = "coordinator";

    public static Props Props(Props coordinator) =>
        BackoffSupervisor.Props(Backoff.OnStop(coordinator, ChildName, MinBackoff, MaxBackoff, randomFactor: 0.2, maxNrOfRetries: -1));

    /// <summary>Whether <paramref name="coordinator"/> runs under this supervisor (not when a test starts it alone).</summary>
    public static bool Supervises(IActorRef coordinator) => coordinator.Path.Name == ChildName;
}
