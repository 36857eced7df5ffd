using System.Text;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Results;

public sealed class TrialsJsonlTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Appended_lines_round_trip_through_TrialJson()
    {
        TrialResult[] written = [SampleResults.Completed(3, 0, bIsmi: 0.7), SampleResults.Failed(2, 1), SampleResults.Completed(1, 2)];
        using (var writer = new TrialsJsonlWriter(_folder.Path))
        {
            foreach (var result in written) writer.Append(result);
        }

        var text = File.ReadAllText(_folder.File(TrialsJsonlWriter.FileName));
        var lines = text.Split('\n');
        Assert.Equal(4, lines.Length); // three lines, each ended by '\n'
        Assert.Equal("", lines[^1]);
        Assert.Equal(written.Select(r => TrialJson.Serialize(r)), lines[..3]);

        var read = TrialsJsonl.Read(_folder.File(TrialsJsonlWriter.FileName));
        Assert.Empty(read.Problems);
        // Records holding lists compare lists by reference, so compare their one JSON shape instead.
        Assert.Equal(written.Select(r => TrialJson.Serialize(r)), read.Results.Select(r => TrialJson.Serialize(r)));
        Assert.Equal(TrialStatus.Failed, read.Results[1].Status);
        Assert.Equal(3, read.Results[0].Layers.Count);
    }

    [Fact]
    public void A_write_refused_by_a_full_disk_throws_once_and_closing_the_writer_does_not_throw_again()
    {
        // /dev/full refuses every write with ENOSPC: the file behind trials.jsonl on a disk that has filled up.
        File.CreateSymbolicLink(_folder.File(TrialsJsonlWriter.FileName), "/dev/full");
        var writer = new TrialsJsonlWriter(_folder.Path);

        Assert.ThrowsAny<IOException>(() => writer.Append(SampleResults.Completed(2, 0)));

        // A buffered stream would still hold the refused line and try it again on close, turning a reported
        // failure into a crash of the whole process.
        writer.Dispose();
    }

    [Fact]
    public void Torn_last_line_is_reported_and_earlier_lines_kept()
    {
        var path = _folder.File(TrialsJsonlWriter.FileName);
        using (var writer = new TrialsJsonlWriter(_folder.Path))
        {
            writer.Append(SampleResults.Completed(2, 0));
            writer.Append(SampleResults.Completed(2, 1));
        }
        var third = TrialJson.Serialize(SampleResults.Completed(2, 2));
        File.AppendAllText(path, third[..(third.Length / 2)], new UTF8Encoding(false)); // a crash mid-write

        var read = TrialsJsonl.Read(path);

        Assert.Equal([0, 1], read.Results.Select(r => r.Config.Seed));
        var problem = Assert.Single(read.Problems);
        Assert.Equal(JsonlProblemKind.TornLastLine, problem.Kind);
        Assert.Equal(3, problem.LineNumber);
    }

    [Fact]
    public void Writer_reopened_after_a_torn_line_keeps_the_next_line_whole()
    {
        var path = _folder.File(TrialsJsonlWriter.FileName);
        using (var writer = new TrialsJsonlWriter(_folder.Path)) writer.Append(SampleResults.Completed(2, 0));
        File.AppendAllText(path, "{\"trial_id\":\"t-torn\",\"con", new UTF8Encoding(false));

        using (var writer = new TrialsJsonlWriter(_folder.Path))
        {
            Assert.True(writer.TerminatedTornLine);
            writer.Append(SampleResults.Completed(2, 1));
        }
        var read = TrialsJsonl.Read(path);

        Assert.Equal([0, 1], read.Results.Select(r => r.Config.Seed));
        var problem = Assert.Single(read.Problems);
        Assert.Equal(JsonlProblemKind.Malformed, problem.Kind);
        Assert.Equal(2, problem.LineNumber);
    }

    [Fact]
    public void Reader_works_while_the_writer_holds_the_file_open()
    {
        using var writer = new TrialsJsonlWriter(_folder.Path);
        writer.Append(SampleResults.Completed(1, 0));

        var read = TrialsJsonl.Read(writer.FilePath);

        Assert.Single(read.Results);
        Assert.False(writer.TerminatedTornLine);
    }
}
