using System.Text.Json;
using System.Text.RegularExpressions;

namespace SweepCluster.Tests.Shared;

/// <summary>Every Prometheus query of the Grafana dashboards under deploy/grafana/dashboards, and those queries with
/// Grafana's variables filled in as Grafana would ("All" for the template variables). Compiled into the test
/// projects that check the dashboards.</summary>
internal static partial class DashboardQueries
{
    public static string Folder => Path.Combine(TestRepository.Root, "deploy", "grafana", "dashboards");

    /// <summary>(dashboard file, panel title, expr) for every target of every panel.</summary>
    public static IReadOnlyList<(string Dashboard, string Panel, string Expr)> All()
    {
        var queries = new List<(string, string, string)>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order())
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
                queries.Add((Path.GetFileName(file), panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!));
        }
        return queries;
    }

    /// <summary>The query Grafana sends: template variables as "All" (a regex matching any value), interval
    /// variables as fixed ranges.</summary>
    public static string Fill(string expr) =>
        Variable().Replace(
            expr.Replace("$__rate_interval", "1m").Replace("$__interval", "15s").Replace("$__range", "1h"),
            ".+");

    /// <summary>The metric names a query reads: identifiers with a product or runtime prefix, plus `up`.</summary>
    public static IEnumerable<string> MetricNames(string expr) =>
        Identifier().Matches(expr).Select(m => m.Value)
            .Where(name => name == "up" || name.StartsWith("sweepcluster_") || name.StartsWith("process_") || name.StartsWith("dotnet_"));

    [GeneratedRegex(@"\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Variable();

    [GeneratedRegex(@"(?<![A-Za-z0-9_""$])[a-z_][a-z0-9_]*(?=\s*[\{\[\)\s]|$)")]
    private static partial Regex Identifier();
}
