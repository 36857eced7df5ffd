using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Trials;

/// <summary>How an attempt failed, a closed set: its word (<see cref="SpecWords"/>) is what the journal's failure
/// events carry, what a failed result's reason starts with, and the kind label of the trial-failures metric, whose
/// label set therefore stays bounded.</summary>
public enum FailureKind
{
    /// <summary>The loss became non-finite: the runner returned a failed result ("diverged at step 312").</summary>
    Diverged,
    /// <summary>The runner threw; the attempt has no result of its own ("exception: OutOfMemoryException: ...").</summary>
    Exception,
    /// <summary>A worker returned a failed result (its reason says why, e.g. diverged).</summary>
    Failed,
    /// <summary>A reason that starts with none of the words above, or no reason at all.</summary>
    Unknown,
}

public static class FailureKinds
{
    /// <summary>The kind a failure reason starts with ("diverged at step 312" -> diverged, "exception: boom" ->
    /// exception): its leading letters, read case-insensitively; <see cref="FailureKind.Unknown"/> when they are no
    /// kind's word.</summary>
    public static FailureKind OfReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return FailureKind.Unknown;
        string word = new string(reason.TakeWhile(char.IsLetter).ToArray()).ToLowerInvariant();
        foreach (var kind in Enum.GetValues<FailureKind>())
            if (kind.Word() == word) return kind;
        return FailureKind.Unknown;
    }
}
