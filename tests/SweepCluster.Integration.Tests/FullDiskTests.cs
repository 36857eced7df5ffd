using System.Diagnostics;

namespace SweepCluster.Integration.Tests;

/// <summary>A sweep whose folder sits on a small tmpfs that fills up mid-sweep: the SQLite journal's next write fails,
/// the sweep stops with one clear sentence, and after space is freed a resume finishes with every trial once.
/// Mounting needs root, as CI and the development machines run.</summary>
public sealed class FullDiskTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("full-disk-").FullName;
    private readonly string _disk;

    public FullDiskTests()
    {
        _disk = Path.Combine(_folder, "disk");
        Directory.CreateDirectory(_disk);
        Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", _disk);
    }

    public void Dispose()
    {
        Command("umount", "-l", _disk);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_disk_that_fills_up_stops_the_sweep_with_a_clear_error_and_loses_no_trial()
    {
        string spec = TrialLines.WriteSpec(_folder, "full-disk"), dir = Path.Combine(_disk, "out");
        string jsonl = Path.Combine(dir, "trials.jsonl"), filler = Path.Combine(_disk, "filler");
        using (var sweep = new CliNode("run", "run", spec, "--out", dir))
        {
            Eventually.True(() => TrialLines.Ids(jsonl).Count >= 2 || sweep.HasExited, Patience, () => sweep.Output);
            Assert.False(sweep.HasExited, sweep.Output);
            Fill(filler);
            Assert.True(sweep.WaitForExit(Patience), $"the sweep did not stop on a full disk\n{sweep.Output}");
            Assert.True(sweep.ExitCode == 3, $"exit {sweep.ExitCode}\n{sweep.Output}");
            Assert.Contains("the sweep stopped because the journal could not be written", sweep.Output);
            Assert.Contains("full", sweep.Output);
            Assert.DoesNotContain("   at ", sweep.Output);
        }
        int kept = TrialLines.Ids(jsonl).Count;

        File.Delete(filler);
        using (var resumed = new CliNode("resume", "resume", dir))
        {
            string? stalled = resumed.WaitForSweepEnd(jsonl);
            Assert.True(stalled is null, $"{stalled}\n{resumed.Output}");
            Assert.True(resumed.ExitCode == 0, resumed.Output);
        }
        var ids = TrialLines.Ids(jsonl);
        Assert.True(ids.Count == 12 && ids.Distinct().Count() == 12, $"{ids.Count} lines, {ids.Distinct().Count()} trials; {kept} kept at the stop");
    }

    /// <summary>Writes zeros until the file system says it is full.</summary>
    private static void Fill(string path)
    {
        var chunk = new byte[64 * 1024];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        try
        {
            while (true) stream.Write(chunk);
        }
        catch (IOException)
        {
            // Full: keep what fit. The flush on dispose may fail the same way.
        }
        try { stream.Flush(); } catch (IOException) { }
    }

    private static void Command(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed: {process.StandardError.ReadToEnd()}");
    }
}
