using System.Net;
using System.Reflection;
using System.Text;

namespace SweepCluster.Cli.Reports;

/// <summary>What report.html states about the run beside the verdicts: how many trials ended and the spec in force.
/// The results folder records no wall time (each trial's seconds are in trials.csv), so none is claimed.</summary>
internal sealed record RunFacts(int TrialsEnded, int Curves, int Points, string? SpecYaml);

/// <summary>report.html: one self-contained page (no network, no external CSS or script) holding report.md's text
/// rendered as HTML, every PNG figure as a data URI, the spec and the run's facts. Its verdict text is report.md's,
/// converted by <see cref="MarkdownHtml"/>; it is a function of its inputs, so `report DIR` writes the same bytes.</summary>
internal static class ReportHtml
{
    public const string FileName = "report.html";

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:1500px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}" +
        "table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;text-align:left}" +
        "th{background:#f3f3f3}tr:nth-child(even) td{background:#fafafa}code,pre{background:#f5f5f5;font-size:.9em}" +
        "pre{padding:1em;overflow-x:auto}figure{margin:2em 0}figure img{max-width:100%;height:auto;border:1px solid #ddd}" +
        "figcaption{font-size:.95em;margin-top:.4em}nav a{margin-right:1em}";

    /// <summary>The page for report.md's <paramref name="markdown"/>, the figures <paramref name="figures"/> (PNG paths,
    /// in the order given) and <paramref name="facts"/>.</summary>
    public static string Format(string markdown, IReadOnlyList<string> figures, RunFacts facts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>SweepCluster report</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<nav><a href=\"#verdicts\">verdicts</a><a href=\"#figures\">figures</a><a href=\"#spec\">spec</a><a href=\"#facts\">run facts</a></nav>\n");
        html.Append("<section id=\"verdicts\">\n").Append(MarkdownHtml.Convert(markdown)).Append("</section>\n");
        html.Append("<section id=\"figures\">\n<h2>Figures</h2>\n");
        foreach (var png in figures.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            var stem = Path.GetFileNameWithoutExtension(png);
            var data = Convert.ToBase64String(File.ReadAllBytes(png));
            html.Append($"<figure id=\"{stem}\"><img src=\"data:image/png;base64,{data}\" alt=\"{Encode(stem)}\">")
                .Append($"<figcaption><strong>{Encode(BoundPlots.FolderName + "/" + Path.GetFileName(png))}</strong>: {Encode(BoundPlots.Caption(stem))}</figcaption></figure>\n");
        }
        html.Append("</section>\n<section id=\"spec\">\n<h2>Spec</h2>\n")
            .Append(facts.SpecYaml is { } yaml ? $"<pre>{Encode(yaml)}</pre>\n" : "<p>spec.yaml was not found in the results folder.</p>\n");
        html.Append("</section>\n<section id=\"facts\">\n<h2>Run facts</h2>\n<table>\n")
            .Append(Row("trials ended", facts.TrialsEnded.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Row("curves, (curve, depth) points", $"{facts.Curves}, {facts.Points}"))
            .Append(Row("wall time", "not recorded in the results folder (per-trial seconds are in trials.csv)"))
            .Append(Row("sweepcluster version", Version))
            .Append("</table>\n</section>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The tool's informational version (with the commit it was built from).</summary>
    public static string Version =>
        typeof(ReportHtml).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string Row(string name, string value) => $"<tr><th>{Encode(name)}</th><td>{Encode(value)}</td></tr>\n";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
