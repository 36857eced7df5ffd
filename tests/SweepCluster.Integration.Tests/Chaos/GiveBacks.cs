namespace SweepCluster.Integration.Tests.Chaos;

/// <summary>A worker process killed by a chaos run: its worker ids begin with <see cref="NodeAddress"/>.</summary>
internal sealed record WorkerKill(string NodeAddress, DateTime At);

/// <summary>How long the coordinator took to give back the trial a killed worker held: from the SIGKILL to the
/// journal's <c>trial-released</c> event for it. <see cref="ByRecovery"/>: the coordinator was killed meanwhile, and
/// its restart gave the trial back (bounded by the restart, not by the failure detector and the resolver).</summary>
internal sealed record GiveBack(string Trial, string Worker, double Seconds, bool ByRecovery);

/// <summary>Finds, from the journal, the trial each killed worker held when it died and when it was given back.</summary>
internal static class GiveBacks
{
    private static readonly string[] Ends = ["trial-completed", "trial-attempt-failed", "trial-released"];

    /// <summary>The reason the coordinator records when its recovery gives back what a previous run handed out.</summary>
    private const string RecoveryReason = "the coordinator restarted";

    /// <summary>The give-backs of the trials <paramref name="kills"/> left behind; <paramref name="missing"/> lists held
    /// trials that were neither given back nor ended by their worker.</summary>
    public static IReadOnlyList<GiveBack> Find(IReadOnlyList<JournalEvent> events, IReadOnlyList<WorkerKill> kills,
        out IReadOnlyList<string> missing)
    {
        var found = new List<GiveBack>();
        var notFound = new List<string>();
        foreach (var kill in kills)
        {
            bool Mine(JournalEvent e) => e.Worker is { } w && w.StartsWith(kill.NodeAddress + "/", StringComparison.Ordinal);
            // Held at the kill: assigned to this node before it, with no end of that attempt by the node before it.
            var held = events.Where(e => e.At < kill.At && Mine(e))
                .GroupBy(e => (e.Trial, e.Worker))
                .Where(g => g.Last().Kind == "trial-assigned")
                .Select(g => g.Key);
            foreach (var (trial, worker) in held)
            {
                var end = events.FirstOrDefault(e => e.At >= kill.At && e.Trial == trial && e.Worker == worker && Ends.Contains(e.Kind));
                if (end is null) notFound.Add($"{trial} held by {worker}");
                else if (end.Kind == "trial-released")
                    found.Add(new GiveBack(trial, worker!, (end.At - kill.At).TotalSeconds,
                        end.Body["reason"]?.GetValue<string>() == RecoveryReason));
                // Otherwise its result was already on the way and was recorded: nothing to give back.
            }
        }
        missing = notFound;
        return found;
    }
}
