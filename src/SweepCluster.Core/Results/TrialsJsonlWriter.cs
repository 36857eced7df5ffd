using System.Text;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Results;

/// <summary>Appends one JSON line per ended trial (completed or failed) to DIR/trials.jsonl, whole and flushed.</summary>
public sealed class TrialsJsonlWriter : IDisposable
{
    public const string FileName = "trials.jsonl";

    private static readonly UTF8Encoding _utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly FileStream _stream;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Opens (creating if needed) <paramref name="directory"/>/trials.jsonl for appending.</summary>
    public TrialsJsonlWriter(string directory)
    {
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);
        // FileShare.Read: a report can read the file while the sweep is still appending to it. No buffer (size 0):
        // each line goes to the OS in its own write, and a line a full disk refused is not kept to be tried again
        // (and thrown again) when the writer is closed.
        _stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        EndTornLine();
    }

    public string FilePath { get; }

    /// <summary>True when the file ended in a torn line (an earlier crash) and a newline was added after it, so
    /// the next line starts clean; <see cref="TrialsJsonl.Read"/> still reports the torn one.</summary>
    public bool TerminatedTornLine { get; private set; }

    /// <summary>Writes <c>TrialJson.Serialize(result)</c> plus '\n' in a single write, then flushes it to disk.</summary>
    public void Append(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Serialize outside the lock, and as one buffer: one Write call is what keeps a line from being torn
        // by a concurrent writer or split across a crash at a line boundary we chose.
        var bytes = _utf8NoBom.GetBytes(TrialJson.Serialize(result) + "\n");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _stream.Dispose();
        }
    }

    // A crash mid-write (or a disk filling up) can leave a last line without its '\n'. Appending straight after it
    // would glue the next good line onto the fragment and lose both; a newline fences the fragment off instead.
    private void EndTornLine()
    {
        if (_stream.Length == 0) return;
        using var reader = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        reader.Seek(-1, SeekOrigin.End);
        if (reader.ReadByte() == '\n') return;
        _stream.Write("\n"u8);
        _stream.Flush(flushToDisk: true);
        TerminatedTornLine = true;
    }
}
