using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Sweep;

/// <summary>The pack key of a planned trial, computed once per trial and kept beside it, not in the state: the key is a
/// canonical JSON text (tens of microseconds to build), asked again on every request whose scan passes the trial. It
/// is keyed by the plan's identity, so it lives as long as the trial's entry and is never persisted or compared.</summary>
internal static class PackKeys
{
    // A hash of the key, not the key: a kilobyte of JSON per trial would be 100 MB at 100,000 trials.
    private static readonly ConditionalWeakTable<PlannedTrial, Key> _keys = [];

    /// <summary>A short digest of <see cref="TrialPacking.Key"/>; null when the trial must run alone.</summary>
    public static string? Of(PlannedTrial trial) => _keys.GetValue(trial, static t => new Key(Digest(TrialPacking.Key(t.Config)))).Value;

    private static string? Digest(string? key) =>
        key is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];

    private sealed record Key(string? Value);
}
