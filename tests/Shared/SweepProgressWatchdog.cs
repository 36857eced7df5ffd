using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SweepCluster.Tests.Shared;

/// <summary>Waits for a sweep to end judging its progress, not the clock: it gives up only when no trial has ended for
/// <see cref="Stall"/> while worker slots were connected, or when no slot has been connected for that long. A machine
/// so busy that trials end a few a minute is waited for; a sweep that is stuck is not waited for forever. Compiled into
/// each test project that waits for a sweep of real processes.</summary>
/// <param name="trialsJsonl">The sweep's trials.jsonl: one line per ended trial.</param>
internal sealed class SweepProgressWatchdog(string trialsJsonl)
{
    /// <summary>Longer than a pack of the tests' trials takes at load 40 on 2 cores, or a coordinator's restart there.</summary>
    public static readonly TimeSpan DefaultStall = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public TimeSpan Stall { get; init; } = DefaultStall;

    /// <summary>Whether worker slots are connected now (e.g. <see cref="SlotsBusy"/> of the coordinator's output);
    /// by default always, as in a one-process `run`, whose slots are its own.</summary>
    public Func<bool> SlotsConnected { get; init; } = () => true;

    /// <summary>Polls until <paramref name="ended"/> holds. Null when it did; otherwise why it gave up.</summary>
    public string? WaitUntil(Func<bool> ended)
    {
        int trials = EndedTrials();
        TimeSpan stalled = TimeSpan.Zero, unconnected = TimeSpan.Zero;
        var tick = Stopwatch.StartNew();
        while (!ended())
        {
            Thread.Sleep(Poll);
            var elapsed = tick.Elapsed;
            tick.Restart();
            int now = EndedTrials();
            if (now != trials)
            {
                (trials, stalled, unconnected) = (now, TimeSpan.Zero, TimeSpan.Zero);
                continue;
            }
            if (SlotsConnected()) (stalled, unconnected) = (stalled + elapsed, TimeSpan.Zero);
            else unconnected += elapsed;
            if (stalled > Stall) return $"no trial ended for {Stall.TotalSeconds:F0} s while slots were connected ({trials} ended)";
            if (unconnected > Stall) return $"no worker slot was connected for {Stall.TotalSeconds:F0} s ({trials} trials ended)";
        }
        return null;
    }

    /// <summary>Lines of trials.jsonl so far, read beside the sweep that appends to it.</summary>
    public int EndedTrials()
    {
        if (!File.Exists(trialsJsonl)) return 0;
        using var stream = new BufferedStream(new FileStream(trialsJsonl, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        int lines = 0, b;
        while ((b = stream.ReadByte()) >= 0) if (b == '\n') lines++;
        return lines;
    }

    /// <summary>True when a coordinator's last progress line ("done 3/36  running 2 ...") has slots at work: they
    /// are connected. A coordinator that has printed none yet (starting, restarting) has none connected.</summary>
    public static bool SlotsBusy(string coordinatorOutput) =>
        Regex.Matches(coordinatorOutput, @"running (\d+)") is { Count: > 0 } m && m[^1].Groups[1].Value != "0";
}
