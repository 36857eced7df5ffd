using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Coordinator;

/// <summary>The plan goes into the journal a piece at a time, one write each, so that every write has the journal's
/// whole deadline and one piece's serialized events are held at a time, however large the grid: a 250,000-trial plan
/// in one write timed out at load 20-35. Slots are served from the pieces already written.</summary>
internal sealed class PlanPieces(IReadOnlyList<PlannedTrial> trials, int maxAttempts)
{
    /// <summary>Trials per write: 20 of <see cref="SweepState.PlannedPerEvent"/>-trial events, about 12 MB of JSON.</summary>
    public const int TrialsPerPiece = 20 * SweepState.PlannedPerEvent;

    private int _handedOut;
    private bool _started;

    /// <summary>Trials of the plan whose piece is in the journal (a piece whose trials the journal already held counts).</summary>
    public int Written { get; private set; }

    public bool Done => Written == trials.Count;

    public PlanProgress Progress => new(Written, trials.Count);

    /// <summary>The next piece to execute, or null when every piece has been handed out.</summary>
    public PlanTrials? Next()
    {
        // An empty plan is one empty piece still: it records the attempts allowed.
        if (_started && _handedOut >= trials.Count) return null;
        _started = true;
        int count = Math.Min(TrialsPerPiece, trials.Count - _handedOut);
        var piece = new PlanTrials(trials.Skip(_handedOut).Take(count).ToList(), maxAttempts);
        _handedOut += count;
        return piece;
    }

    /// <summary>The piece handed out last is in the journal.</summary>
    public void PieceWritten() => Written = _handedOut;
}
