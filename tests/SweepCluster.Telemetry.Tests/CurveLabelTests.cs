using System.Text.Json;
using SweepCluster.Core.Results;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Telemetry.Tests;

/// <summary>The curve gauge carries every curve-key column as a label, and the bound-vs-depth dashboard lets each one
/// be chosen and keeps curves apart by all of them.</summary>
public sealed class CurveLabelTests
{
    [Fact]
    public void The_curve_gauge_is_labelled_by_quantity_depth_and_every_curve_key_column()
    {
        Assert.Equal(["quantity", "depth", .. CurveKey.ColumnNames], SweepTelemetry.Curve.LabelNames);
    }

    [Fact]
    public void The_bound_vs_depth_dashboard_has_a_variable_and_a_matcher_for_every_curve_key_column()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(DashboardQueries.Folder, "bound-vs-depth.json")));
        var variables = document.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Select(variable => variable.GetProperty("name").GetString()!).ToList();
        Assert.Equal(CurveKey.ColumnNames, variables);

        var curveQueries = DashboardQueries.All().Where(q => q.Dashboard == "bound-vs-depth.json").ToList();
        Assert.NotEmpty(curveQueries);
        foreach (var (_, panel, expr) in curveQueries)
        foreach (var column in CurveKey.ColumnNames)
            Assert.True(expr.Contains($"{column}=~\"${column}\""), $"{panel}: the query does not filter on {column}: {expr}");
        // An aggregation that dropped a column would merge the curves that differ in it.
        foreach (var (_, panel, expr) in curveQueries.Where(q => q.Expr.Contains(" by (")))
            Assert.True(expr.Contains("by (quantity, depth, " + string.Join(", ", CurveKey.ColumnNames) + ")"), $"{panel}: {expr}");
    }
}
