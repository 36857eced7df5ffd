namespace SweepCluster.Core.Sweep;

/// <summary>The version of the sweep journal's events and snapshots. Raise it when an event's meaning or shape changes
/// incompatibly: a journal of another version is refused instead of being misread or overwritten.</summary>
public static class SweepJournalFormat
{
    public const int Version = 1;
}
