using Akka.Actor;
using SweepCluster.Cluster.Messages;

namespace SweepCluster.Cluster.Workers;

/// <summary>On a worker node: learns from the coordinator when its sweep has finished (an end-only subscription,
/// renewed every few seconds so that a coordinator that started late or restarted still knows of it), so that a worker
/// whose sweep is done can exit instead of waiting for the next coordinator.</summary>
internal sealed class SweepEndWatch : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);

    public ITimerScheduler Timers { get; set; } = null!;

    public SweepEndWatch(IActorRef coordinator, TaskCompletionSource<SweepSummary> finished)
    {
        Receive<SweepFinished>(end => finished.TrySetResult(end.Summary));
        Receive<Renew>(_ => coordinator.Tell(new SubscribeToSweep(Self, EndOnly: true)));
        ReceiveAny(_ => { }); // SweepSubscribed, SweepStopped: the worker carries on as before
    }

    protected override void PreStart()
    {
        Self.Tell(Renew.Instance);
        Timers.StartPeriodicTimer(nameof(Renew), Renew.Instance, Renewal);
    }

    public static Props Props(IActorRef coordinator, TaskCompletionSource<SweepSummary> finished) =>
        Akka.Actor.Props.Create(() => new SweepEndWatch(coordinator, finished));

    private sealed record Renew
    {
        public static readonly Renew Instance = new();
    }
}
