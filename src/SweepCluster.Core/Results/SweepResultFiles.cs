using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>The results folder of one sweep: each ended trial is appended to trials.jsonl at once and folded into
/// the curves; <see cref="WriteSummaries"/> rewrites trials.csv and curves.csv/json atomically from what is held.</summary>
public sealed class SweepResultFiles : IDisposable
{
    private readonly object _gate = new();
    private readonly TrialsJsonlWriter _jsonl;
    private readonly CurveAggregator _curves = new();
    private readonly List<TrialResult> _results = [];
    private int _count;
    /// <summary>The results of an earlier start still being read (see <see cref="Continue"/>).</summary>
    private Task _loaded = Task.CompletedTask;

    public SweepResultFiles(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        _jsonl = new TrialsJsonlWriter(directory);
    }

    /// <summary>Replaces trials.jsonl, atomically, with exactly these results (a projection of the journal, which may
    /// hold a trial the old file missed or lack a torn line it had), and opens it to append what ends next.</summary>
    public static SweepResultFiles Rebuild(string directory, IReadOnlyList<TrialResult> ended)
    {
        var text = new System.Text.StringBuilder();
        foreach (var result in ended) text.Append(TrialJson.Serialize(result)).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(directory, TrialsJsonlWriter.FileName), text.ToString());
        var files = new SweepResultFiles(directory);
        foreach (var result in ended)
        {
            files._results.Add(result);
            files._curves.Add(result);
        }
        files._count = ended.Count;
        return files;
    }

    /// <summary>Opens trials.jsonl as it stands when it holds exactly the trials the journal says have ended, each once
    /// and every line whole; null when it must be rebuilt from the journal. A live run appends a trial's line only
    /// after the journal holds its end, so a crash leaves the file short or torn, never ahead: the count and the ids
    /// tell a complete file without replaying the journal. Only the ids are read now; the results are read in the
    /// background, and every use of them waits for that.</summary>
    /// <param name="endedInJournal">How many trials the journal says have ended.</param>
    /// <param name="hasEnded">Whether the journal says this trial has ended.</param>
    public static SweepResultFiles? Continue(string directory, int endedInJournal, Func<TrialId, bool> hasEnded)
    {
        string path = Path.Combine(directory, TrialsJsonlWriter.FileName);
        if (!File.Exists(path)) return endedInJournal == 0 ? new SweepResultFiles(directory) : null;
        byte[] bytes = File.ReadAllBytes(path);
        var ids = TrialsJsonl.ScanIds(bytes);
        if (ids is null || ids.Count != endedInJournal) return null;
        var seen = new HashSet<TrialId>();
        foreach (var id in ids)
            if (!seen.Add(id) || !hasEnded(id)) return null;
        var files = new SweepResultFiles(directory) { _count = ids.Count };
        files._loaded = Task.Run(() =>
        {
            var contents = TrialsJsonl.Parse(bytes);
            if (contents.Problems.FirstOrDefault() is { } problem)
                throw new InvalidDataException(
                    $"{path} line {problem.LineNumber} is whole JSON but not a trial result ({problem.Reason}); `sweepcluster report {directory}` rebuilds the file from the journal.");
            foreach (var result in contents.Results)
            {
                files._results.Add(result);
                files._curves.Add(result);
            }
        });
        return files;
    }

    /// <summary>Trials recorded so far.</summary>
    public int Count
    {
        get { lock (_gate) return _count; }
    }

    public string Directory { get; }

    /// <summary>Records one ended trial (completed or finally failed): its line in trials.jsonl, written and flushed
    /// before this returns, then its place in the curves. Returns the curve row it changed (the metrics show it), or
    /// null when it changed none (a trial already counted).</summary>
    public CurveRow? Add(TrialResult result)
    {
        _loaded.GetAwaiter().GetResult();
        lock (_gate)
        {
            _jsonl.Append(result);
            _count++;
            _results.Add(result);
            return _curves.Add(result) ? _curves.Row(CurveKey.Of(result.Config), result.Config.Depth) : null;
        }
    }

    public IReadOnlyList<CurveRow> Curves()
    {
        _loaded.GetAwaiter().GetResult();
        lock (_gate) return _curves.Rows();
    }

    /// <summary>Writes trials.csv, curves.csv and curves.json; returns the curve rows written.</summary>
    public IReadOnlyList<CurveRow> WriteSummaries()
    {
        _loaded.GetAwaiter().GetResult();
        lock (_gate)
        {
            TrialsCsvWriter.Write(Directory, _results);
            var rows = _curves.Rows();
            CurveFiles.Write(Directory, rows);
            return rows;
        }
    }

    public void Dispose() => _jsonl.Dispose();
}
