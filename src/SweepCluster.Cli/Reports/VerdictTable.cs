using Spectre.Console;
using SweepCluster.Core.Verdicts;

namespace SweepCluster.Cli.Reports;

/// <summary>The one-line-per-prediction verdict table a sweep prints at its end.</summary>
internal static class VerdictTable
{
    public static void Write(IAnsiConsole console, VerdictReport report)
    {
        var table = new Table().AddColumns("prediction", "verdict", "why");
        foreach (var p in report.Predictions)
            table.AddRow(
                new Text(VerdictMarkdown.Heading(p.Prediction)),
                new Markup($"[{Color(p.Verdict)}]{Markup.Escape(VerdictWords.Of(p.Verdict))}[/]"),
                new Text(p.Why));
        console.Write(table);
    }

    private static string Color(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "green",
        Verdict.Fail => "red",
        Verdict.Identity => "blue",
        _ => "yellow",
    };
}
