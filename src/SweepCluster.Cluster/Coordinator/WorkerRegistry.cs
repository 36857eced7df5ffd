using SweepCluster.Core.Grid;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The worker slots the coordinator knows: the current actor of each slot id (watched, so its death frees its
/// trials), the idle ones told of new work when trials become pending, and the reports each slot had answered since it
/// last asked for work (a resent copy is answered, not recorded again). Not part of the sweep's truth: it is rebuilt
/// from the workers after a restart. Generic over the actor reference so its rules are tested without an actor system;
/// the coordinator does the watching it asks for.</summary>
public sealed class WorkerRegistry<TRef> where TRef : class
{
    private readonly Dictionary<string, TRef> _workers = [];
    private readonly Dictionary<TRef, string> _watched = [];
    private readonly Dictionary<string, TRef> _idle = [];
    private readonly Dictionary<string, HashSet<(TrialId Trial, int Attempt)>> _answered = [];

    /// <summary>Slots known alive: the ones the sweep counts as connected.</summary>
    public int Count => _workers.Count;

    public TRef? Get(string workerId) => _workers.GetValueOrDefault(workerId);

    /// <summary>The slots a pack is shared among: those that have asked, plus the asker's siblings that have not yet
    /// (its node said it runs <paramref name="askerNodeSlots"/>; <paramref name="onAskersNode"/> tells its slots).</summary>
    public int SlotsCounted(int askerNodeSlots, Func<TRef, bool> onAskersNode) =>
        _workers.Count + Math.Max(0, askerNodeSlots - _workers.Values.Count(onAskersNode));

    /// <summary>Drops every slot whose actor matches <paramref name="lost"/> (e.g. on a lost node); returns their ids
    /// and the actors to unwatch.</summary>
    public IReadOnlyList<(string WorkerId, TRef? Unwatch)> ForgetWhere(Func<TRef, bool> lost) =>
        _workers.Where(w => lost(w.Value)).Select(w => w.Key).ToList().Select(id => (id, Forget(id))).ToList();

    /// <summary>Records <paramref name="worker"/> as the slot's actor. Returns what the caller must watch (the new
    /// actor, unless watched already) and unwatch (an earlier incarnation of the slot, which may die unnoticed now).</summary>
    public (TRef? Watch, TRef? Unwatch) Remember(string workerId, TRef worker)
    {
        TRef? unwatch = null;
        if (_workers.TryGetValue(workerId, out var known) && !known.Equals(worker) && _watched.Remove(known)) unwatch = known;
        _workers[workerId] = worker;
        return (_watched.TryAdd(worker, workerId) ? worker : null, unwatch);
    }

    /// <summary>Drops a slot; returns the actor to unwatch, or null when the slot was not known.</summary>
    public TRef? Forget(string workerId)
    {
        _answered.Remove(workerId);
        if (!_workers.Remove(workerId, out var worker)) return null;
        _idle.Remove(workerId);
        return _watched.Remove(worker) ? worker : null;
    }

    /// <summary>A watched actor died. Returns the slot id whose trials go back, or null: a newer incarnation of the
    /// slot may have asked since, and only the current one's loss frees its trials.</summary>
    public string? Terminated(TRef worker)
    {
        if (!_watched.Remove(worker, out var workerId)) return null;
        if (!_workers.TryGetValue(workerId, out var current) || !current.Equals(worker)) return null;
        _workers.Remove(workerId);
        _idle.Remove(workerId);
        _answered.Remove(workerId);
        return workerId;
    }

    /// <summary>The slot asked and got nothing: it is told when work appears.</summary>
    public void Idle(string workerId, TRef worker) => _idle[workerId] = worker;

    /// <summary>The slot got work: it is no longer waiting.</summary>
    public void Busy(string workerId) => _idle.Remove(workerId);

    /// <summary>The slots waiting for work, each once: they ask again when told.</summary>
    public IReadOnlyList<TRef> TakeIdle()
    {
        var idle = _idle.Values.ToList();
        _idle.Clear();
        return idle;
    }

    /// <summary>The slot's report of <paramref name="attempt"/> was taken: its events are in the journal or in the
    /// coordinator's next write, and it is answered once they are in. A slot resends a report until the answer arrives,
    /// so on a busy machine a copy can come after the first was taken: <see cref="WasAnswered"/> tells the coordinator
    /// to answer that copy too rather than count it as a discarded result.</summary>
    public void Answered(string workerId, TrialId trial, int attempt)
    {
        if (!_answered.TryGetValue(workerId, out var reports)) _answered[workerId] = reports = [];
        reports.Add((trial, attempt));
    }

    public bool WasAnswered(string workerId, TrialId trial, int attempt) =>
        _answered.TryGetValue(workerId, out var reports) && reports.Contains((trial, attempt));

    /// <summary>The slot asks for work: it resends none of its earlier reports any more (each was answered).</summary>
    public void AskedForWork(string workerId) => _answered.Remove(workerId);
}
