using Akka.Actor;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Messages;

/// <summary>Registers an observer for <see cref="TrialEnded"/> and <see cref="SweepFinished"/>; acknowledged by
/// <see cref="SweepSubscribed"/>. A subscriber that arrives after the end gets <see cref="SweepFinished"/> at once.
/// <paramref name="EndOnly"/>: only the sweep's end (and <see cref="SweepStopped"/>), not every trial (a worker node
/// that exits when its sweep is done).</summary>
internal sealed record SubscribeToSweep(IActorRef Subscriber, bool EndOnly = false) : ISweepClusterMessage;

/// <summary>Removes an observer (a terminated observer is removed without it).</summary>
internal sealed record UnsubscribeFromSweep(IActorRef Subscriber) : ISweepClusterMessage;

/// <summary>The subscription is in place: every trial that ends from now on is reported.</summary>
internal sealed record SweepSubscribed : ISweepClusterMessage
{
    public static readonly SweepSubscribed Instance = new();
}

/// <summary>A trial ended for good: completed, or failed after its last attempt. A trial whose runner threw carries
/// a synthesized result with status failed and reason "exception: ...".</summary>
public sealed record TrialEnded(TrialResult Result, int Attempts) : ISweepClusterMessage;

/// <summary>Every trial is completed or failed; sent once per subscriber.</summary>
public sealed record SweepFinished(SweepSummary Summary) : ISweepClusterMessage;

/// <summary>The coordinator stopped because its journal failed; the message says why. Sent once per subscriber.</summary>
internal sealed record SweepStopped(string Reason) : ISweepClusterMessage;

/// <summary>Final counts of a sweep.</summary>
public sealed record SweepSummary(int Total, int Completed, int Failed, long DiscardedResults, long Retries);
