using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>The results folder of one sweep: each ended trial is appended to trials.jsonl at once and folded into
/// the curves; <see cref="WriteSummaries"/> rewrites trials.csv and curves.csv/json atomically from what is held.</summary>
public sealed class SweepResultFiles : ICurveFeed, IDisposable
{
    private readonly object _gate = new();
    private readonly TrialsJsonlWriter _jsonl;
    private readonly CurveAggregator _curves = new();
    private readonly List<TrialResult> _results = [];

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
        return files;
    }

    /// <summary>Trials recorded so far.</summary>
    public int Count
    {
        get { lock (_gate) return _results.Count; }
    }

    public string Directory { get; }

    /// <summary>Records one ended trial (completed or finally failed).</summary>
    public void Add(TrialResult result)
    {
        lock (_gate)
        {
            _jsonl.Append(result);
            _results.Add(result);
            _curves.Add(result);
        }
    }

    public IReadOnlyList<CurveRow> Curves()
    {
        lock (_gate) return _curves.Rows();
    }

    IReadOnlyList<CurveRow> ICurveFeed.Rows() => Curves();

    public CurveRow? Row(CurveKey key, int depth)
    {
        lock (_gate) return _curves.Row(key, depth);
    }

    /// <summary>Writes trials.csv, curves.csv and curves.json; returns the curve rows written.</summary>
    public IReadOnlyList<CurveRow> WriteSummaries()
    {
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
