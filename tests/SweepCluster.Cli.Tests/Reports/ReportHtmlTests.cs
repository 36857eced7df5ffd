using System.Diagnostics;
using System.Text.RegularExpressions;
using SkiaSharp;
using SweepCluster.Cli.Reports;

namespace SweepCluster.Cli.Tests.Reports;

/// <summary>report.html opened in headless Chromium (Debian's package chromium; tests/run.sh installs it): the page must
/// render its verdict table and decode every figure it embeds.</summary>
public sealed partial class ReportHtmlTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Added to a copy of the page: after load, writes what rendered into the DOM for --dump-dom to show. An image
    /// counts as decoded when it has a size and its last pixel row is opaque (a cut-off PNG decodes its top part only).</summary>
    private const string Probe =
        "<script>window.addEventListener('load', () => { const images = [...document.images]; " +
        "const whole = i => { if (!i.complete || i.naturalWidth == 0) return false; const c = document.createElement('canvas'); " +
        "c.width = i.naturalWidth; c.height = i.naturalHeight; const g = c.getContext('2d'); g.drawImage(i, 0, 0); " +
        "return g.getImageData(0, c.height - 1, c.width, 1).data.every((v, k) => k % 4 != 3 || v == 255); }; " +
        "const table = document.querySelector('#verdicts table'); document.body.setAttribute('data-probe', " +
        "`images=${images.length};decoded=${images.filter(whole).length};rows=${table ? table.rows.length : 0}`); });</script>";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sweepcluster-html-tests", Guid.NewGuid().ToString("N"));

    public ReportHtmlTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public void The_page_holds_report_md_the_figures_as_data_uris_the_spec_and_the_facts_and_nothing_from_outside()
    {
        var pngs = WriteReport(out var markdown);
        var html = File.ReadAllText(Path.Combine(_dir, ReportHtml.FileName));

        Assert.Equal(pngs, Regex.Matches(html, "<img src=\"data:image/png;base64,").Count);
        Assert.Contains("<h1>Verdict on the predictions of docs/SCIENCE.md section 8</h1>", html);
        Assert.Contains("name: tiny &lt;test&gt;", html);
        Assert.Contains("<tr><th>trials ended</th><td>60</td></tr>", html);
        Assert.Contains(ReportHtml.Version, html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<link", html);
        Assert.Equal(markdown.Split('\n').Count(l => l.StartsWith("| P", StringComparison.Ordinal)),
            Regex.Matches(html, "<tr><td>P[1-7] ").Count);
    }

    [Fact]
    public void Headless_chromium_renders_the_verdict_table_and_decodes_every_figure()
    {
        var pngs = WriteReport(out _);
        var page = Path.Combine(_dir, ReportHtml.FileName);
        var probe = Path.Combine(_dir, "probe.html");
        File.WriteAllText(probe, File.ReadAllText(page).Replace("</body>", Probe + "</body>", StringComparison.Ordinal));

        var dom = RunChromium("--virtual-time-budget=10000", "--dump-dom", new Uri(probe).AbsoluteUri);
        var rendered = ProbeResult().Match(dom);
        Assert.True(rendered.Success, $"no probe in the DOM Chromium dumped:\n{dom[..Math.Min(dom.Length, 2000)]}");
        Assert.Equal(pngs, int.Parse(rendered.Groups["images"].Value));
        Assert.Equal(pngs, int.Parse(rendered.Groups["decoded"].Value));
        Assert.Equal(1 + 7, int.Parse(rendered.Groups["rows"].Value));

        var screenshot = Path.Combine(_dir, "report.png");
        RunChromium($"--screenshot={screenshot}", "--window-size=1200,2000", new Uri(page).AbsoluteUri);
        using var bitmap = SKBitmap.Decode(screenshot);
        Assert.Equal((1200, 2000), (bitmap.Width, bitmap.Height));
        // Text and table rules make a row non-uniform; a blank or failed page is one colour throughout.
        var drawnRows = Enumerable.Range(0, bitmap.Height)
            .Count(y => Enumerable.Range(0, bitmap.Width).Select(x => bitmap.GetPixel(x, y)).Distinct().Count() > 1);
        Assert.True(drawnRows > bitmap.Height / 4, $"only {drawnRows} of {bitmap.Height} screenshot rows show anything");
    }

    /// <summary>Writes the figures, report.md and report.html of a small sweep into the folder; returns how many PNGs.</summary>
    private int WriteReport(out string markdown)
    {
        File.WriteAllText(Path.Combine(_dir, "spec.yaml"), "name: tiny <test>\n");
        var rows = Curves.Grid();
        var plots = BoundPlots.Write(rows, Path.Combine(_dir, BoundPlots.FolderName));
        VerdictReportFile.Write(_dir, rows, plots, trialsEnded: 60);
        markdown = File.ReadAllText(Path.Combine(_dir, VerdictReportFile.FileName));
        return plots.Files.Count(f => f.EndsWith(".png", StringComparison.Ordinal));
    }

    private string RunChromium(params string[] arguments)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (tests/run.sh does)");
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={Path.Combine(_dir, "chromium")}" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "Chromium did not finish in 120 s");
        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }

    [GeneratedRegex("data-probe=\"images=(?<images>\\d+);decoded=(?<decoded>\\d+);rows=(?<rows>\\d+)\"")]
    private static partial Regex ProbeResult();
}
