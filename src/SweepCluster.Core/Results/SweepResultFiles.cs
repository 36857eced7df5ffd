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

    public SweepResultFiles(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        _jsonl = new TrialsJsonlWriter(directory);
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
