using Akka.Actor;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cluster.Workers;

/// <summary>Turns the runner's progress callbacks (on its own thread) into messages to the slot. Not
/// <see cref="Progress{T}"/>, which would post to a captured synchronization context.</summary>
internal sealed class SelfProgress(IActorRef slot, TrialId trialId, int attempt) : IProgress<TrialProgress>
{
    public void Report(TrialProgress value) => slot.Tell(new RunProgressed(trialId, attempt, value));
}
