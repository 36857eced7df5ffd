using Akka.Actor;
using SweepCluster.Cluster.Messages;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The sweep's subscribers (<see cref="SubscribeToSweep"/>): holds them, watches them (a dead one is dropped)
/// and tells each what the sweep tells it (<see cref="TrialEnded"/>, <see cref="SweepFinished"/>,
/// <see cref="SweepStopped"/>). A child of <see cref="ResultProjection"/>, which tells it of each trial after the
/// trial's line is written.</summary>
internal sealed class SweepSubscribers : ReceiveActor
{
    private readonly HashSet<IActorRef> _subscribers = [];
    // Told only of the sweep's end (worker nodes, which exit then), not of every trial.
    private readonly HashSet<IActorRef> _endOnly = [];

    public SweepSubscribers()
    {
        Receive<Subscribe>(Add);
        Receive<UnsubscribeFromSweep>(unsubscribe =>
        {
            _endOnly.Remove(unsubscribe.Subscriber);
            if (_subscribers.Remove(unsubscribe.Subscriber)) Context.Unwatch(unsubscribe.Subscriber);
        });
        Receive<Terminated>(terminated =>
        {
            _subscribers.Remove(terminated.ActorRef);
            _endOnly.Remove(terminated.ActorRef);
        });
        Receive<TrialEnded>(ended =>
        {
            foreach (var subscriber in _subscribers.Except(_endOnly)) subscriber.Tell(ended);
        });
        Receive<SweepFinished>(Tell);
        Receive<SweepStopped>(Tell);
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new SweepSubscribers());

    private void Add(Subscribe subscribe)
    {
        if (_subscribers.Add(subscribe.Subscriber)) Context.Watch(subscribe.Subscriber);
        if (subscribe.EndOnly) _endOnly.Add(subscribe.Subscriber);
        subscribe.Subscriber.Tell(SweepSubscribed.Instance);
        if (subscribe.Finished is { } summary) subscribe.Subscriber.Tell(new SweepFinished(summary));
    }

    private void Tell(object message)
    {
        foreach (var subscriber in _subscribers) subscriber.Tell(message);
    }

    /// <summary>A <see cref="SubscribeToSweep"/>, with the summary a subscriber that arrives after the end gets at once.</summary>
    internal sealed record Subscribe(IActorRef Subscriber, SweepSummary? Finished, bool EndOnly = false);
}
