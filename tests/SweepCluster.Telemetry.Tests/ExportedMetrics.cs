using System.Text;
using Prometheus;
using SweepCluster.Core.Results;
using SweepCluster.Telemetry;

namespace SweepCluster.Telemetry.Tests;

/// <summary>The metric families this process's registry exports once every product instrument has a series.</summary>
internal static class ExportedMetrics
{
    public static async Task<HashSet<string>> FamiliesAsync()
    {
        SweepTelemetry.EnsureRegistered();
        // Labelled instruments export nothing until a series exists, so give each one.
        SweepTelemetry.Failures.WithLabels("diverged");
        SweepTelemetry.SlotBusy.WithLabels("0", "cpu").Set(1);
        SweepTelemetry.SlotEpoch.WithLabels("0").Set(1);
        SweepTelemetry.SlotLoss.WithLabels("0").Set(0.5);
        SweepTelemetry.ClusterMembers.WithLabels("up").Set(1);
        var key = new CurveKey(16, 0.5, 0.001, 0, 0, 0, 1000, "end_to_end", "sgld", "tanh", 0.05, 10, 64, 5, Shells: 0);
        var quantities = CurveQuantities.TopLevel.Select(q => new QuantitySummary(q, 1, 0.25, null, null, [])).ToList();
        SweepTelemetry.RecordCurveRow(new CurveRow(key, 2, 1, 0, quantities));

        using var stream = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        return text.Split('\n')
            .Where(line => line.StartsWith("# TYPE "))
            .Select(line => line.Split(' ')[2])
            .ToHashSet(StringComparer.Ordinal);
    }
}
