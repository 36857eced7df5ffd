using System.Globalization;
using Spectre.Console;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Sweep;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cli.Sweeps;

/// <summary>Shows a running sweep: done / running / failed / total, rate, ETA and the latest result. A live table on a
/// terminal; on anything else (a pipe, CI) one line whenever the counts change. Rate and ETA come from
/// <see cref="SweepProgressModel"/>, the model the metrics read too.</summary>
internal static class SweepProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Shows the sweep until <paramref name="until"/> completes or <paramref name="cancellation"/> fires.</summary>
    public static async Task UntilAsync(SweepNode node, ResultFolderSink sink, Task until, CancellationToken cancellation)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Live(new Text("waiting for the coordinator...")).StartAsync(live =>
                PollAsync(node, until, cancellation, (view, planning, elapsed) =>
                    live.UpdateTarget(Table(view, sink.Latest, elapsed, Note(planning, node.JournalPause.For, view)))));
            return;
        }
        string last = "";
        await PollAsync(node, until, cancellation, (view, planning, _) =>
        {
            string line = Line(view, Note(planning, node.JournalPause.For, view));
            if (line != last) Console.WriteLine(line);
            last = line;
        });
    }

    /// <summary>Asks the coordinator for its status every poll period until the sweep ends or is cancelled, and shows
    /// each answer as the progress model sees it (the total is the whole plan's while it is still being written), with
    /// how far the plan's writing got and the time since the display started.</summary>
    private static async Task PollAsync(
        SweepNode node, Task finished, CancellationToken cancellation, Action<SweepProgressView, PlanProgress?, TimeSpan> show)
    {
        var started = DateTime.UtcNow;
        var model = new SweepProgressModel();
        SweepProgressView? view = null;
        PlanProgress? planning = null;
        while (!finished.IsCompleted && !cancellation.IsCancellationRequested)
        {
            var now = DateTime.UtcNow;
            if (await TryStatus(node) is { } s)
            {
                planning = s.Planning;
                view = model.Observe(now, Math.Max(s.Total, planning?.Of ?? 0), s.Completed, s.Failed, s.Assigned, s.ConnectedSlots);
            }
            // Without an answer (a coordinator restarting while its journal is down) the last view is shown again, so
            // that the journal's pause shows.
            if (view is not null) show(view, planning, now - started);
            await Task.WhenAny(finished, Task.Delay(Poll, cancellation)).ContinueWith(_ => { });
        }
    }

    private static async Task<SweepStatusResponse?> TryStatus(SweepNode node)
    {
        try
        {
            return await node.StatusAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is TaskCanceledException or TimeoutException or Akka.Actor.AskTimeoutException)
        {
            return null; // the coordinator is starting, moving or busy: show the last view
        }
    }

    internal static string Line(SweepProgressView v, string? note = null) =>
        $"done {v.Completed}/{v.Total}  running {v.Running}  failed {v.Failed}  {Rate(v)}  eta {Eta(v)}" +
        (note is null ? "" : $"  {note}");

    /// <summary>What the progress adds to the counts, the most pressing first: a journal that does not answer, a plan
    /// still being written, trials waiting with no slot.</summary>
    internal static string? Note(PlanProgress? planning, TimeSpan? journalPause, SweepProgressView v) =>
        Paused(journalPause) ?? Planning(planning) ?? WithoutWorkers(v);

    /// <summary>The progress's word while a large plan is written to the journal, in whole pieces.</summary>
    internal static string? Planning(PlanProgress? planning) => planning is { } p
        ? $"planning: {p.Written} of {p.Of} trials in the journal"
        : null;

    /// <summary>The progress's word while the journal's database cannot be reached, in whole 5-second steps (a line per
    /// change would otherwise gain a line every poll).</summary>
    internal static string? Paused(TimeSpan? journalPause) => journalPause is { } paused
        ? $"paused: the journal's database has not answered for {Math.Floor(paused.TotalSeconds / 5) * 5:F0} s; retrying"
        : null;

    /// <summary>The progress's word when trials wait with no worker slot (the ETA alone would only say "-"), in whole
    /// 30-second steps so that a line-per-change output gains a line every 30 s, not every poll.</summary>
    internal static string? WithoutWorkers(SweepProgressView v) => v.WithoutWorkers is { } waited
        ? $"no worker slot connected for {Math.Floor(waited.TotalSeconds / 30) * 30:F0} s: start a worker (sweepcluster worker --seed HOST:PORT)"
        : null;

    private static Table Table(SweepProgressView v, TrialResult? latest, TimeSpan elapsed, string? note)
    {
        var table = new Table().AddColumns("done", "running", "failed", "total", "rate", "eta", "elapsed");
        table.AddRow(v.Completed.ToString(CultureInfo.InvariantCulture), v.Running.ToString(CultureInfo.InvariantCulture),
            v.Failed.ToString(CultureInfo.InvariantCulture), v.Total.ToString(CultureInfo.InvariantCulture),
            Rate(v), Eta(v), elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        if (note is not null)
            table.Caption(Markup.Escape(note));
        else if (latest is { } r)
            table.Caption(Markup.Escape(
                $"latest: {r.TrialId} depth {r.Config.Depth} width {r.Config.Width} act_noise {r.Config.ActNoise} seed {r.Config.Seed}: " +
                (r.Status == TrialStatus.Completed ? $"train {r.TrainError:F3} test {r.TestError:F3} gap {r.Gap:F3}" : $"failed ({r.FailureReason})")));
        return table;
    }

    private static string Rate(SweepProgressView v) => $"{v.PerMinute.ToString("F1", CultureInfo.InvariantCulture)}/min";

    private static string Eta(SweepProgressView v) =>
        v.Eta is { } eta ? eta.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "-";
}
