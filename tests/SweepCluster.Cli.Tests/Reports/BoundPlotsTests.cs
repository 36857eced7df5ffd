using SweepCluster.Cli.Reports;
using SweepCluster.Core.Results;

namespace SweepCluster.Cli.Tests.Reports;

public sealed class BoundPlotsTests : IDisposable
{
    private static readonly byte[] _pngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _plotsDir =
        Path.Combine(Path.GetTempPath(), "sweepcluster-plots-tests", Guid.NewGuid().ToString("N"), "plots");

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(_plotsDir)!, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public void Writes_png_and_svg_figures_of_bounds_gap_errors_ratio_and_layer_information()
    {
        var written = BoundPlots.Write(Curves.Grid(), _plotsDir);

        foreach (var stem in new[] { "bound_vs_depth", "gap_vs_depth", "error_vs_depth", "bound_gap_ratio_vs_depth", "ixt_vs_layer" })
        {
            AssertPng(Path.Combine(_plotsDir, stem + ".png"), minimumBytes: 5_000);
            AssertSvg(Path.Combine(_plotsDir, stem + ".svg"));
        }
        Assert.Equal(10, written.Files.Count);
        Assert.All(written.Files, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void A_cmi_sweep_also_gets_the_fcmi_figure()
    {
        var written = BoundPlots.Write(Curves.Grid(cmi: true), _plotsDir);

        AssertPng(Path.Combine(_plotsDir, "fcmi_vs_depth.png"));
        var svg = File.ReadAllText(Path.Combine(_plotsDir, "fcmi_vs_depth.svg"));
        Assert.Contains("b_fcmi null (coins shuffled)", svg);
        Assert.Contains("b_ldcmi null (coins shuffled)", svg);
        Assert.Equal(12, written.Files.Count);
    }

    [Fact]
    public void Non_positive_values_are_drawn_under_the_log_axis_and_counted()
    {
        // Gaps below zero (test error under train error) are common; a log axis cannot show them.
        var written = BoundPlots.Write(Curves.Grid(negativeGapAtActNoise: 0.0), _plotsDir);

        // Two act_noise = 0 curves, five depths each.
        Assert.Equal(10, written.OffAxis);
        AssertPng(Path.Combine(_plotsDir, "bound_vs_depth.png"));
        Assert.Contains("5 mean(s) &lt;= 0 or &lt; ", File.ReadAllText(Path.Combine(_plotsDir, "bound_vs_depth.svg")));
    }

    [Fact]
    public void Positive_values_need_no_note()
    {
        var written = BoundPlots.Write(Curves.Grid(), _plotsDir);

        Assert.Equal(0, written.OffAxis);
        Assert.DoesNotContain("under the axis", File.ReadAllText(Path.Combine(_plotsDir, "bound_vs_depth.svg")));
    }

    [Fact]
    public void A_sweep_over_three_or_more_train_sizes_also_gets_gap_and_bounds_against_n()
    {
        var rows = new[] { 250, 1000, 4000 }.SelectMany(n => Curves.Grid().Select(r => r with { Key = r.Key with { TrainSize = n } })).ToList();

        var written = BoundPlots.Write(rows, _plotsDir);

        AssertPng(Path.Combine(_plotsDir, "gap_vs_n.png"));
        var svg = File.ReadAllText(Path.Combine(_plotsDir, "gap_vs_n.svg"));
        Assert.Contains("n^-1/2 through the first gap", svg);
        Assert.Contains("gap: b = 0", svg); // the grid's gap does not depend on n
        Assert.Equal(12, written.Files.Count);
    }

    [Fact]
    public void Two_train_sizes_make_no_figure_against_n()
    {
        var rows = new[] { 250, 1000 }.SelectMany(n => Curves.Grid().Select(r => r with { Key = r.Key with { TrainSize = n } })).ToList();

        BoundPlots.Write(rows, _plotsDir);

        Assert.False(File.Exists(Path.Combine(_plotsDir, "gap_vs_n.png")));
    }

    [Fact]
    public void No_curves_still_gives_figures_that_say_so()
    {
        BoundPlots.Write([], _plotsDir);

        AssertPng(Path.Combine(_plotsDir, "bound_vs_depth.png"), minimumBytes: 1_000);
        Assert.Contains("no completed trials", File.ReadAllText(Path.Combine(_plotsDir, "bound_vs_depth.svg")));
    }

    private static void AssertPng(string path, int minimumBytes = 10_000)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(_pngSignature, bytes[.._pngSignature.Length]);
        Assert.True(bytes.Length > minimumBytes, $"{path} is only {bytes.Length} bytes");
    }

    private static void AssertSvg(string path)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        var text = File.ReadAllText(path);
        Assert.Contains("<svg", text);
        Assert.Contains("</svg>", text);
    }
}
