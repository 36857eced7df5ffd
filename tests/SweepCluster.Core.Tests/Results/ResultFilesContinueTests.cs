using SweepCluster.Core.Grid;
using SweepCluster.Core.Results;
using SweepCluster.Core.Trials;

namespace SweepCluster.Core.Tests.Results;

/// <summary>A sweep that continues keeps trials.jsonl as it stands only when it holds exactly the trials the journal
/// has ended; otherwise it is rebuilt from the journal.</summary>
public sealed class ResultFilesContinueTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TrialResult[] _ended = [SampleResults.Completed(1, 0), SampleResults.Failed(2, 0), SampleResults.Completed(3, 0)];

    public void Dispose() => _folder.Dispose();

    private string Jsonl => _folder.File(TrialsJsonlWriter.FileName);

    private void Write(params TrialResult[] results)
    {
        using var writer = new TrialsJsonlWriter(_folder.Path);
        foreach (var result in results) writer.Append(result);
    }

    private SweepResultFiles? Continue(int ended) =>
        SweepResultFiles.Continue(_folder.Path, ended, id => _ended.Take(ended).Any(r => r.TrialId == id));

    [Fact]
    public void A_complete_file_is_kept_and_loaded_and_appends_continue_after_it()
    {
        Write(_ended);
        string before = File.ReadAllText(Jsonl);
        using (var files = Continue(3))
        {
            Assert.NotNull(files);
            Assert.Equal(3, files.Count);
            Assert.Equal(before, File.ReadAllText(Jsonl));
            Assert.NotEmpty(files.Curves());
            files.Add(SampleResults.Completed(4, 0));
        }
        Assert.Equal(4, TrialsJsonl.Read(Jsonl).Results.Count);
    }

    [Fact]
    public void A_file_a_line_short_is_stale() => AssertStale(() => Write(_ended[..2]), ended: 3);

    [Fact]
    public void A_file_with_a_torn_last_line_is_stale() => AssertStale(() =>
    {
        Write(_ended);
        File.AppendAllText(Jsonl, TrialJson.Serialize(SampleResults.Completed(4, 0))[..20]);
    }, ended: 3);

    [Fact]
    public void A_torn_line_a_later_start_fenced_off_with_a_newline_is_stale() => AssertStale(() =>
    {
        Write(_ended[..2]);
        File.AppendAllText(Jsonl, TrialJson.Serialize(_ended[2])[..40]);
        new TrialsJsonlWriter(_folder.Path).Dispose();
        Write(_ended[2]);
    }, ended: 3);

    [Fact]
    public void A_file_with_a_trial_the_journal_has_not_ended_is_stale() => AssertStale(() => Write(_ended[0], _ended[1], SampleResults.Completed(9, 0)), ended: 3);

    [Fact]
    public void A_file_with_a_trial_twice_is_stale() => AssertStale(() => Write(_ended[0], _ended[0], _ended[1]), ended: 3);

    [Fact]
    public void A_missing_file_is_stale_unless_nothing_has_ended()
    {
        Assert.Null(Continue(3));
        using var files = Continue(0);
        Assert.NotNull(files);
        Assert.Equal(0, files.Count);
    }

    private void AssertStale(Action prepare, int ended)
    {
        prepare();
        Assert.Null(Continue(ended));
        // The rebuild from the journal then replaces it.
        using (SweepResultFiles.Rebuild(_folder.Path, _ended)) { }
        using var files = Continue(ended);
        Assert.NotNull(files);
        Assert.Equal(_ended.Select(r => r.TrialId), TrialsJsonl.Read(Jsonl).Results.Select(r => r.TrialId));
    }
}
