using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using SweepCluster.Cluster.Messages;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cli.Sweeps;

/// <summary>Shows a running sweep: done / running / failed / total, rate, ETA and the latest result. A live table on a
/// terminal; on anything else (a pipe, CI) one line whenever the counts change.</summary>
public static class SweepProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static async Task UntilAsync(SweepNode node, ResultFolderSink sink, CancellationToken cancellation)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Live(new Text("waiting for the coordinator...")).StartAsync(live =>
                PollAsync(node, sink.Finished, cancellation, (status, elapsed, startDone) =>
                    live.UpdateTarget(Table(status, sink.Latest, elapsed, startDone))));
            return;
        }
        string last = "";
        await PollAsync(node, sink.Finished, cancellation, (status, elapsed, startDone) =>
        {
            string line = Line(status, elapsed, startDone);
            if (line != last) Console.WriteLine(line);
            last = line;
        });
    }

    /// <summary>Asks the coordinator for its status every poll period until the sweep ends or is cancelled, and shows
    /// each answer with the elapsed time and the number of trials already ended when the first answer came.</summary>
    private static async Task PollAsync(
        SweepNode node, Task finished, CancellationToken cancellation, Action<SweepStatusResponse, TimeSpan, int> show)
    {
        var clock = Stopwatch.StartNew();
        int startDone = -1;
        while (!finished.IsCompleted && !cancellation.IsCancellationRequested)
        {
            if (await TryStatus(node) is { } status)
            {
                if (startDone < 0) startDone = status.Completed + status.Failed;
                show(status, clock.Elapsed, startDone);
            }
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

    private static string Line(SweepStatusResponse s, TimeSpan elapsed, int startDone) =>
        $"done {s.Completed}/{s.Total}  running {s.Assigned}  failed {s.Failed}  {Rate(s, elapsed, startDone)}  eta {Eta(s, elapsed, startDone)}";

    private static Table Table(SweepStatusResponse s, TrialResult? latest, TimeSpan elapsed, int startDone)
    {
        var table = new Table().AddColumns("done", "running", "failed", "total", "rate", "eta", "elapsed");
        table.AddRow(s.Completed.ToString(CultureInfo.InvariantCulture), s.Assigned.ToString(CultureInfo.InvariantCulture),
            s.Failed.ToString(CultureInfo.InvariantCulture), s.Total.ToString(CultureInfo.InvariantCulture),
            Rate(s, elapsed, startDone), Eta(s, elapsed, startDone), elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        if (latest is { } r)
            table.Caption(Markup.Escape(
                $"latest: {r.TrialId} depth {r.Config.Depth} width {r.Config.Width} act_noise {r.Config.ActNoise} seed {r.Config.Seed}: " +
                (r.Status == TrialStatus.Completed ? $"train {r.TrainError:F3} test {r.TestError:F3} gap {r.Gap:F3}" : $"failed ({r.FailureReason})")));
        return table;
    }

    private static double PerMinute(SweepStatusResponse s, TimeSpan elapsed, int startDone) =>
        elapsed.TotalMinutes > 0 ? (s.Completed + s.Failed - startDone) / elapsed.TotalMinutes : 0;

    private static string Rate(SweepStatusResponse s, TimeSpan elapsed, int startDone) =>
        $"{PerMinute(s, elapsed, startDone).ToString("F1", CultureInfo.InvariantCulture)}/min";

    private static string Eta(SweepStatusResponse s, TimeSpan elapsed, int startDone)
    {
        double rate = PerMinute(s, elapsed, startDone);
        int left = s.Total - s.Completed - s.Failed;
        return rate > 0 ? TimeSpan.FromMinutes(left / rate).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "-";
    }
}
