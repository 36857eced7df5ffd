namespace SweepCluster.Cli.Tests;

/// <summary>The verdict report a real sweep leaves in its folder and prints at its end.</summary>
public sealed class SweepReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("report-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_finished_sweep_writes_report_md_with_a_verdict_per_prediction_and_prints_the_table()
    {
        string dir = Path.Combine(_folder, "out");

        var run = CliProcess.Run("run", SmallSpec.Write(_folder, "small-report", epochs: 2, seeds: 2, actNoise: "[0, 0.5]"), "--out", dir);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdOut}{run.StdErr}");
        var report = File.ReadAllText(Path.Combine(dir, "report.md"));
        string[] verdicts = ["**pass**", "**fail**", "**identity**", "**no prediction**", "**not testable**"];
        for (var p = 1; p <= 7; p++)
        {
            var row = report.Split('\n').Single(line => line.StartsWith($"| P{p} ", StringComparison.Ordinal));
            Assert.Contains(verdicts, v => row.Contains(v, StringComparison.Ordinal));
            Assert.Contains($"## P{p} ", report);
            Assert.Contains($"P{p} ", run.StdOut);
        }
        // The sweep varies no label_noise, so P7 cannot be judged, and says why.
        Assert.Contains("| **not testable** | label_noise has one value |", report);
        Assert.Contains("](plots/bound_vs_depth.png)", report);
        Assert.True(File.Exists(Path.Combine(dir, "plots", "bound_vs_depth.png")));
        Assert.Contains("report.md", run.StdOut);
    }
}
