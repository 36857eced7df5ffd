using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Cli.Tests;

/// <summary>What `run`, `resume` and `report` do with a folder that already holds a sweep (SQLite journal): grow it,
/// refuse what would mix two sweeps, refuse a second writer, and refuse a journal that is damaged or another sweep's
/// without touching it.</summary>
public sealed class SweepJournalCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("journal-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Dir(string name = "out") => Path.Combine(_folder, name);

    private static CliProcess.Outcome Succeeds(params string[] arguments)
    {
        var outcome = CliProcess.Run(arguments);
        Assert.True(outcome.ExitCode == 0, $"exit {outcome.ExitCode}: {outcome.StdOut}{outcome.StdErr}");
        return outcome;
    }

    private static CliProcess.Outcome FailsWith(int exitCode, params string[] arguments)
    {
        var outcome = CliProcess.Run(arguments);
        Assert.True(outcome.ExitCode == exitCode, $"exit {outcome.ExitCode}, expected {exitCode}: {outcome.StdOut}{outcome.StdErr}");
        TrialCommandTests.AssertOneSentence(outcome.StdErr);
        return outcome;
    }

    private static string[] Lines(string dir) => File.ReadAllLines(Path.Combine(dir, "trials.jsonl"));

    private static byte[] Bytes(string dir, string file) => File.ReadAllBytes(Path.Combine(dir, file));

    [Fact]
    public void A_grown_spec_runs_only_the_new_trials_and_keeps_the_old_ones_as_they_were()
    {
        Succeeds("run", SmallSpec.Write(_folder), "--out", Dir());
        var first = Lines(Dir());
        Assert.Equal(2, first.Length);

        var grown = Succeeds("run", SmallSpec.Write(_folder, depths: "[1, 2, 3]", seeds: 2), "--out", Dir());

        Assert.Contains("2 ended before this start", grown.StdOut);
        var all = Lines(Dir());
        Assert.Equal(6, all.Length);
        Assert.Equal(first, all.Take(2));
        Assert.Equal(6, all.Distinct().Count());
        // The spec in force is the grown one: a plain resume has nothing left to run.
        var again = Succeeds("resume", Dir());
        Assert.Contains("6 ended before this start", again.StdOut);
        Assert.Equal(all, Lines(Dir()));
    }

    [Fact]
    public void A_changed_fixed_setting_or_a_removed_point_is_refused_with_the_differences_and_changes_nothing()
    {
        Succeeds("run", SmallSpec.Write(_folder), "--out", Dir());
        var before = Bytes(Dir(), "trials.jsonl");

        var refused = FailsWith(2, "run", SmallSpec.Write(_folder, depths: "[2]", epochs: 4), "--out", Dir());

        Assert.Contains("training.epochs: 3 -> 4", refused.StdErr);
        Assert.Contains("grid.depth: 1 removed", refused.StdErr);
        Assert.Contains("--force-new", refused.StdErr);
        Assert.Equal(before, Bytes(Dir(), "trials.jsonl"));

        var forced = Succeeds("run", SmallSpec.Write(_folder, depths: "[2]", epochs: 4), "--out", Dir(), "--force-new");
        Assert.Contains($"starting a new sweep in {Dir()}-2", forced.StdOut);
        Assert.Single(Lines(Dir() + "-2"));
        Assert.Equal(before, Bytes(Dir(), "trials.jsonl"));
    }

    [Fact]
    public void Set_on_run_is_recorded_so_resume_continues_the_same_grid_and_set_on_resume_may_only_grow_it()
    {
        var first = Succeeds("run", SmallSpec.Write(_folder, depths: "[1, 2]"), "--out", Dir(), "--set", "depth=1");
        Assert.Contains("finished: 1 completed", first.StdOut);
        Assert.Contains("depth: [1]", File.ReadAllText(Path.Combine(Dir(), "spec.yaml")));
        // Without --set, resume runs the grid the journal recorded: depth 1 only, nothing left.
        Assert.Contains("1 ended before this start", Succeeds("resume", Dir()).StdOut);
        var one = Lines(Dir());

        var grown = Succeeds("resume", Dir(), "--set", "depth=1,2", "--set", "seeds=0,1");

        Assert.Contains("4 trials", grown.StdOut);
        Assert.Contains("1 ended before this start", grown.StdOut);
        var all = Lines(Dir());
        Assert.Equal(4, all.Length);
        Assert.Equal(one, all.Take(1));
        Assert.Contains("4 ended before this start", Succeeds("resume", Dir()).StdOut);

        var shrunk = FailsWith(2, "resume", Dir(), "--set", "depth=2");
        Assert.Contains("grid.depth: 1 removed", shrunk.StdErr);
        Assert.Equal(all, Lines(Dir()));
        var unknown = FailsWith(2, "resume", Dir(), "--set", "detph=2");
        Assert.Contains("did you mean 'depth'", unknown.StdErr);
    }

    [Fact]
    public void Set_on_run_over_a_sweep_follows_the_rules_of_a_changed_spec()
    {
        Succeeds("run", SmallSpec.Write(_folder), "--out", Dir());
        var before = Bytes(Dir(), "trials.jsonl");

        var refused = FailsWith(2, "run", SmallSpec.Write(_folder), "--out", Dir(), "--set", "depth=2");
        Assert.Contains("grid.depth: 1 removed", refused.StdErr);
        Assert.Equal(before, Bytes(Dir(), "trials.jsonl"));

        var grown = Succeeds("run", SmallSpec.Write(_folder), "--out", Dir(), "--set", "depth=1,2,3");
        Assert.Contains("2 ended before this start", grown.StdOut);
        Assert.Equal(3, Lines(Dir()).Length);
    }

    [Fact]
    public void Report_rebuilds_the_live_files_from_the_journal_alone()
    {
        Succeeds("run", SmallSpec.Write(_folder), "--out", Dir());
        string[] files = ["trials.jsonl", "trials.csv", "curves.csv", "curves.json", "report.md", "plots/bound_vs_depth.svg", "plots/error_vs_depth.svg"];
        var live = files.ToDictionary(f => f, f => Bytes(Dir(), f));
        foreach (var file in files) File.Delete(Path.Combine(Dir(), file));

        var report = Succeeds("report", Dir());

        Assert.Contains("2 completed", report.StdOut);
        foreach (var file in files) Assert.True(live[file].SequenceEqual(Bytes(Dir(), file)), $"report rebuilt {file} differently");
    }

    [Fact]
    public void A_second_writer_on_the_same_folder_is_refused_while_the_first_runs()
    {
        string spec = SmallSpec.Write(_folder);
        using var holder = Holder("coordinator", spec, "--out", Dir(), "--port", "0", "--slots", "0");

        var refused = FailsWith(3, "run", spec, "--out", Dir());
        Assert.Contains("another coordinator is writing this sweep's journal", refused.StdErr);
        Assert.False(holder.HasExited, "the refused second writer disturbed the first");
        var report = FailsWith(3, "report", Dir());
        Assert.Contains("another coordinator", report.StdErr);
    }

    [Fact]
    public void A_damaged_journal_is_refused_and_left_exactly_as_it_was()
    {
        Succeeds("run", SmallSpec.Write(_folder), "--out", Dir());
        string journal = Path.Combine(Dir(), "journal.db");
        var damaged = Encoding.ASCII.GetBytes("this was a journal once, before a bad disk ate it\n");
        File.WriteAllBytes(journal, damaged);

        var refused = FailsWith(3, "resume", Dir());

        Assert.Contains($"{journal} is not a readable sweep journal", refused.StdErr);
        Assert.Equal(damaged, File.ReadAllBytes(journal));
        Assert.Equal(2, Lines(Dir()).Length);

        var fresh = Succeeds("run", SmallSpec.Write(_folder), "--out", Dir(), "--force-new");
        Assert.Contains($"starting a new sweep in {Dir()}-2", fresh.StdOut);
        Assert.Equal(damaged, File.ReadAllBytes(journal));
    }

    [Fact]
    public void Another_sweeps_journal_in_the_folder_is_refused_and_left_as_it_was()
    {
        Succeeds("run", SmallSpec.Write(_folder), "--out", Dir("a"));
        Succeeds("run", SmallSpec.Write(_folder), "--out", Dir("b"));
        File.Copy(Path.Combine(Dir("a"), "journal.db"), Path.Combine(Dir("b"), "journal.db"), overwrite: true);
        var copied = Bytes(Dir("b"), "journal.db");

        var refused = FailsWith(3, "resume", Dir("b"));

        Assert.Contains("holds another sweep", refused.StdErr);
        Assert.Equal(copied, Bytes(Dir("b"), "journal.db"));
    }

    [Theory]
    [InlineData("UPDATE journal SET message = CAST(replace(CAST(message AS TEXT), '\"format_version\":1', '\"format_version\":99') AS BLOB) WHERE manifest = 'sweep-defined'",
        "has format 99 and this SweepCluster writes format 1")]
    [InlineData("UPDATE journal SET manifest = 'trial-teleported' WHERE manifest = 'trial-completed'",
        "holds an event this version cannot read")]
    [InlineData("UPDATE journal SET message = X'00FF13377FDEADBEEF' WHERE manifest = 'trial-completed'",
        "holds an event this version cannot read ('0x00' is an invalid start of a value")]
    public void A_journal_from_another_version_is_refused_and_left_as_it_was(string change, string message)
    {
        Succeeds("run", SmallSpec.Write(_folder), "--out", Dir());
        string journal = Path.Combine(Dir(), "journal.db");
        using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journal, Pooling = false }.ToString()))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = change;
            Assert.True(command.ExecuteNonQuery() > 0);
        }
        var changed = Bytes(Dir(), "journal.db");

        var refused = FailsWith(3, "resume", Dir());

        Assert.Contains(message, refused.StdErr);
        Assert.Equal(changed, Bytes(Dir(), "journal.db"));
    }

    [Fact]
    public void A_folder_without_a_sweep_is_refused_by_resume_in_one_sentence()
    {
        Directory.CreateDirectory(Dir());
        var refused = FailsWith(2, "resume", Dir());
        Assert.Contains("is not a sweep folder", refused.StdErr);
    }

    /// <summary>A long-running sweepcluster process, started and waited for until its sweep line shows; killed on dispose.</summary>
    private static HeldProcess Holder(params string[] arguments) => new(arguments);

    private sealed class HeldProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        public HeldProcess(string[] arguments)
        {
            _process = Process.Start(SweepclusterExecutable.StartInfo(arguments))!;
            _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (!Output.Contains("journal ") && !_process.HasExited)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(1)) break;
                Thread.Sleep(50);
            }
            Assert.True(Output.Contains("journal ") && !_process.HasExited, $"the holder did not start: {Output}");
        }

        public bool HasExited => _process.HasExited;

        private string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
