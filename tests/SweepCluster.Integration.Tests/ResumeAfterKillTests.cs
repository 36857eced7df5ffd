namespace SweepCluster.Integration.Tests;

/// <summary>`run` killed with SIGKILL at six different moments and continued each time: every trial ends up in
/// trials.jsonl exactly once, with the numbers of an uninterrupted run of the same spec.</summary>
public sealed class ResumeAfterKillTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("resume-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void RunToEnd(string dir, params string[] arguments)
    {
        using var node = new CliNode("run", arguments);
        string? stalled = node.WaitForSweepEnd(Path.Combine(dir, "trials.jsonl"));
        Assert.True(stalled is null, $"sweepcluster {string.Join(' ', arguments)}: {stalled}\n{node.Output}");
        Assert.True(node.ExitCode == 0, $"exit {node.ExitCode}\n{node.Output}");
    }

    /// <summary>Starts a command, kills it with SIGKILL once <paramref name="moment"/> holds, then checks that what the
    /// folder shows never names a trial twice.</summary>
    private static void KillWhen(string jsonl, Func<CliNode, bool> moment, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using (var node = new CliNode("run", arguments, environment ?? new Dictionary<string, string>()))
        {
            Eventually.True(() => moment(node) || node.HasExited, Patience, () => node.Output);
            Assert.False(node.HasExited && node.ExitCode == 0, $"the sweep finished before the kill\n{node.Output}");
            node.Kill();
            node.WaitForExit(Patience);
        }
        var ids = TrialLines.Ids(jsonl);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_trial_is_recorded_once_with_the_numbers_of_an_uninterrupted_run(bool cmi)
    {
        // Sixteen or eighteen trainings: a plain grid of 6 points x 3 seeds, or 4 points x 2 supersamples x 2 selections
        // (twice the epochs, since a CMI training of these 600 pairs is fast). The six kills below end at most about ten
        // trials between them, so some are always left for the next kill to land on.
        string spec = cmi
            ? TrialLines.WriteSpec(_folder, "resume", depths: "[1, 2, 3, 4]", actNoise: "[1.0]", seeds: 1, cmi: "cmi:\n  supersamples: 2\n  selections: 2\n", epochs: 40)
            : TrialLines.WriteSpec(_folder, "resume", seeds: 3);
        int trainings = cmi ? 16 : 18;
        string reference = Path.Combine(_folder, "reference"), dir = Path.Combine(_folder, "killed");
        string jsonl = Path.Combine(dir, "trials.jsonl"), wal = Path.Combine(dir, "journal.db-wal");
        // One trial per slot at a time, so trials end one by one and a kill never waits for a whole pack; the reference
        // runs in the default packs, whose numbers must be the same.
        string[] run = ["run", spec, "--out", dir, "--pack-size", "1"];
        RunToEnd(reference, "run", spec, "--out", reference);

        // 1. Starting: the folder has just been marked, the journal is being created.
        KillWhen(jsonl, _ => File.Exists(Path.Combine(dir, "sweep.json")), run);
        // 2. A trial is running (the first, or one soon after; one per slot).
        KillWhen(jsonl, node => System.Text.RegularExpressions.Regex.IsMatch(node.Output, @"running [1-9]"), run);
        // 3. The journal holds the second trial of this start but trials.jsonl does not yet (the process kills itself
        //    between the two).
        int before;
        using (var node = new CliNode("run", run, new Dictionary<string, string> { ["SWEEPCLUSTER_CRASH_AFTER_PERSISTED"] = "2" }))
        {
            string? stalled = node.WaitForSweepEnd(jsonl);
            Assert.True(stalled is null, $"{stalled}\n{node.Output}");
            Assert.Equal(137, node.ExitCode);
            // What the journal held at this start (the kill before may have fallen between its write and the file's).
            var resumedFrom = System.Text.RegularExpressions.Regex.Match(node.Output, @"(\d+) ended before this start");
            before = resumedFrom.Success ? int.Parse(resumedFrom.Groups[1].Value) : 0;
        }
        Assert.Equal(before + 1, TrialLines.Ids(jsonl).Count);
        // 4. Some trials have ended and been written.
        KillWhen(jsonl, _ => TrialLines.Ids(jsonl).Count >= before + 3, run);
        // 5. While the journal is being written: at its next write after this start's first result.
        (long, DateTime)? lastWrite = null;
        KillWhen(jsonl, node => node.Output.Contains("done ") && Changed(wal, ref lastWrite), run);
        // 6. During a resume's own start (reading the journal, rebuilding trials.jsonl, recovering), through `resume DIR`:
        //    about a second in, before its first progress line.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        KillWhen(jsonl, node => clock.Elapsed > TimeSpan.FromSeconds(1.2) || node.Output.Contains("done "), ["resume", dir, "--pack-size", "1"]);

        RunToEnd(dir, "resume", dir, "--pack-size", "1");

        var resumed = TrialLines.NumbersById(jsonl);
        Assert.Equal(trainings, TrialLines.Ids(jsonl).Count);
        Assert.All(TrialLines.Read(jsonl), line => Assert.Equal(cmi, line["cmi"] is not null));
        Assert.Equal(TrialLines.NumbersById(Path.Combine(reference, "trials.jsonl")).OrderBy(kv => kv.Key), resumed.OrderBy(kv => kv.Key));
    }

    /// <summary>True once the file's size or write time differs from the first look (SQLite reuses a WAL file from
    /// its start, so a write may keep the size).</summary>
    private static bool Changed(string file, ref (long, DateTime)? first)
    {
        var info = new FileInfo(file);
        if (!info.Exists) return false;
        var now = (info.Length, info.LastWriteTimeUtc);
        first ??= now;
        return now != first;
    }

    [Fact]
    public void A_trial_killed_after_its_checkpoint_continues_from_it_and_ends_with_the_uninterrupted_numbers()
    {
        string spec = Path.Combine(_folder, "long.yaml");
        File.WriteAllText(spec, """
            name: long
            dataset:
              classes: 3
              dimension: 10
              test_size: 300
            training:
              optimizer: sgld
              epochs: 150
              batch_size: 32
              clip: 5
            information:
              eval_points: 32
              noise_paths: 2
            grid:
              depth: 2
              width: 8
              act_noise: 0.5
              sgld_noise: 0.001
              train_size: 600
            seeds: 1
            """);
        string reference = Path.Combine(_folder, "reference"), dir = Path.Combine(_folder, "killed");
        string checkpoints = Path.Combine(dir, "checkpoints");
        RunToEnd(reference, "run", spec, "--out", reference);

        KillWhen(Path.Combine(dir, "trials.jsonl"),
            _ => Directory.Exists(checkpoints) && Directory.GetFiles(checkpoints, "*.ckpt").Length > 0,
            ["run", spec, "--out", dir, "--checkpoint-every", "10"]);
        RunToEnd(dir, "resume", dir, "--checkpoint-every", "10");

        Assert.Empty(Directory.GetFiles(checkpoints));
        Assert.Equal(TrialLines.NumbersById(Path.Combine(reference, "trials.jsonl")), TrialLines.NumbersById(Path.Combine(dir, "trials.jsonl")));
    }
}
