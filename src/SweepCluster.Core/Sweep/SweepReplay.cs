using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Sweep;

/// <summary>Folds a sweep's journal, event by event from the first, into its state and the results of its ended
/// trials in journal order: the same order the live coordinator wrote them to trials.jsonl.</summary>
public sealed class SweepReplay
{
    private readonly List<TrialResult> _ended = [];

    public SweepState State { get; private set; } = SweepState.Empty;

    /// <summary>Completed and finally failed trials, in the order they ended.</summary>
    public IReadOnlyList<TrialResult> Ended => _ended;

    public long Events { get; private set; }

    public void Apply(ISweepEvent @event)
    {
        State = State.Apply(@event);
        if (State.EndedBy(@event) is { } result) _ended.Add(result);
        Events++;
    }
}
