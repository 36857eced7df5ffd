namespace SweepCluster.Cli.Tests;

/// <summary>`resume` runs the spec its journal holds; when the folder's spec.yaml was edited by hand it says which keys
/// the edit changed and that it keeps the journal's, keeps the edited text beside it, and only then rewrites spec.yaml.</summary>
public sealed class EditedSpecResumeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edited-spec-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Resume_names_each_edited_key_keeps_the_journals_spec_and_keeps_the_edit_aside()
    {
        string spec = SmallSpec.Write(_folder, "edited"), dir = Path.Combine(_folder, "out"), copy = Path.Combine(dir, "spec.yaml");
        string written = File.ReadAllText(spec);
        Assert.Equal(0, CliProcess.Run("run", spec, "--out", dir).ExitCode);
        string edit = written.Replace("epochs: 3", "epochs: 5").Replace("depth: [1, 2]", "depth: [1, 2, 3]");
        File.WriteAllText(copy, edit);

        var resumed = CliProcess.Run("resume", dir);

        Assert.True(resumed.ExitCode == 0, $"exit {resumed.ExitCode}: {resumed.StdOut}{resumed.StdErr}");
        string notice = Assert.Single(resumed.StdOut.Split('\n'), line => line.StartsWith("spec.yaml was edited", StringComparison.Ordinal));
        Assert.Contains("(training.epochs: 3 -> 5; grid.depth: 3 added)", notice);
        Assert.Contains("resume keeps the spec its journal holds", notice);
        Assert.Equal(written, File.ReadAllText(copy));
        Assert.Equal(edit, File.ReadAllText(Path.Combine(dir, "spec.edited.yaml")));

        var again = CliProcess.Run("resume", dir);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("was edited", again.StdOut);
    }
}
