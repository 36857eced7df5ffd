using Akka.Actor;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>Whether the worker id a message declares may come from the actor that sent it: the coordinator trusts the
/// sender, never the id written in the message.</summary>
internal static class WorkerIdentity
{
    /// <summary>A slot's id begins with its node's address ("akka.tcp://sweepcluster@host:port/slot-0"), so a remote
    /// sender may speak only for ids on its own node. A local sender is this process.</summary>
    public static bool NamesSendersNode(string workerId, IActorRef sender) =>
        !sender.Path.Address.HasGlobalScope
        || workerId.StartsWith(sender.Path.Address + "/", StringComparison.Ordinal);

    /// <summary>True when <paramref name="sender"/> may speak for <paramref name="workerId"/>: the id names the sender's
    /// node and, once the coordinator knows the id's actor, the sender is that actor (or a new incarnation at its path,
    /// after the slot's node restarted on the same address).</summary>
    public static bool MaySpeakFor(string workerId, IActorRef sender, IActorRef? known) =>
        NamesSendersNode(workerId, sender) && (known is null || known.Path.Equals(sender.Path));

    /// <summary>The warning logged for a message whose sender may not speak for the worker id it declares.</summary>
    public static string Rejection(string what, Core.Grid.TrialId? trial, string workerId, IActorRef sender) =>
        $"Rejected a {what}{(trial is { } id ? $" for trial {id}" : "")} that declares worker {workerId} but comes from {sender.Path}, not that worker's actor; nothing recorded.";
}
