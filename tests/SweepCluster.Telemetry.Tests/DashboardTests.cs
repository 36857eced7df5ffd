using System.Text.Json;
using SweepCluster.Telemetry;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Telemetry.Tests;

public sealed class DashboardTests
{
    private static readonly string[] HistogramSeries = ["_bucket", "_count", "_sum"];

    [Fact]
    public void The_three_dashboards_parse_and_every_panel_has_a_query()
    {
        var files = Directory.GetFiles(DashboardQueries.Folder, "*.json").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["bound-vs-depth.json", "cluster-health.json", "sweep-overview.json"], files);
        foreach (var file in Directory.GetFiles(DashboardQueries.Folder, "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
                Assert.True(panel.GetProperty("targets").GetArrayLength() > 0, $"{file}: panel '{panel.GetProperty("title")}' has no query.");
        }
    }

    [Fact]
    public async Task Every_metric_a_dashboard_reads_is_exported_by_the_product()
    {
        var exported = await ExportedMetrics.FamiliesAsync();
        var missing = new List<string>();
        foreach (var (dashboard, panel, expr) in DashboardQueries.All())
        foreach (var name in DashboardQueries.MetricNames(expr))
        {
            if (name == "up") continue;
            var family = HistogramSeries.Aggregate(name, (n, suffix) => n.EndsWith(suffix) ? n[..^suffix.Length] : n);
            var defined = !name.StartsWith(MetricNames.Prefix) || MetricNames.All.Contains(family);
            if (!defined || !exported.Contains(family)) missing.Add($"{dashboard} / {panel}: {name}");
        }
        Assert.True(missing.Count == 0, "Dashboards read metrics the product does not export:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_defined_metric_is_exported()
    {
        var exported = await ExportedMetrics.FamiliesAsync();
        var missing = MetricNames.All.Where(name => !exported.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "Defined but not exported: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Journal_latency_is_exported_before_its_first_write_and_counts_writes()
    {
        // The dashboard's journal panel must have a series while the persistence code has not written yet.
        Assert.Contains(MetricNames.JournalWrite, await ExportedMetrics.FamiliesAsync());
        var before = SweepTelemetry.JournalWrite.Count;
        SweepTelemetry.RecordJournalWrite(TimeSpan.FromMilliseconds(3));
        Assert.Equal(before + 1, SweepTelemetry.JournalWrite.Count);
    }
}
