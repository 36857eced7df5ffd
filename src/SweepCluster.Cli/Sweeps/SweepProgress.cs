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
                PollAsync(node, until, cancellation, (view, elapsed) =>
                    live.UpdateTarget(Table(view, sink.Latest, elapsed, node.JournalPause.For))));
            return;
        }
        string last = "";
        await PollAsync(node, until, cancellation, (view, _) =>
        {
            string line = Line(view, node.JournalPause.For);
            if (line != last) Console.WriteLine(line);
            last = line;
        });
    }

    /// <summary>Asks the coordinator for its status every poll period until the sweep ends or is cancelled, and shows
    /// each answer as the progress model sees it, with the time since the display started.</summary>
    private static async Task PollAsync(
        SweepNode node, Task finished, CancellationToken cancellation, Action<SweepProgressView, TimeSpan> show)
    {
        var started = DateTime.UtcNow;
        var model = new SweepProgressModel();
        SweepProgressView? view = null;
        while (!finished.IsCompleted && !cancellation.IsCancellationRequested)
        {
            var now = DateTime.UtcNow;
            if (await TryStatus(node) is { } s) view = model.Observe(now, s.Total, s.Completed, s.Failed, s.Assigned, s.ConnectedSlots);
            // Without an answer (a coordinator restarting while its journal is down) the last view is shown again, so
            // that the journal's pause shows.
            if (view is not null) show(view, now - started);
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

    internal static string Line(SweepProgressView v, TimeSpan? journalPause = null) =>
        $"done {v.Completed}/{v.Total}  running {v.Running}  failed {v.Failed}  {Rate(v)}  eta {Eta(v)}" +
        ((Paused(journalPause) ?? WithoutWorkers(v)) is { } note ? $"  {note}" : "");

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

    private static Table Table(SweepProgressView v, TrialResult? latest, TimeSpan elapsed, TimeSpan? journalPause)
    {
        var table = new Table().AddColumns("done", "running", "failed", "total", "rate", "eta", "elapsed");
        table.AddRow(v.Completed.ToString(CultureInfo.InvariantCulture), v.Running.ToString(CultureInfo.InvariantCulture),
            v.Failed.ToString(CultureInfo.InvariantCulture), v.Total.ToString(CultureInfo.InvariantCulture),
            Rate(v), Eta(v), elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        if ((Paused(journalPause) ?? WithoutWorkers(v)) is { } waiting)
            table.Caption(Markup.Escape(waiting));
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
