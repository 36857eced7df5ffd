using System.Globalization;
using System.Text.Json;

namespace SweepCluster.Integration.Tests;

/// <summary>The curve gauge keeps curves apart by every curve-key axis: a sweep over training modes, scraped by a
/// real Prometheus, shows one series per mode with each mode's own values.</summary>
public sealed class CurveMetricsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curve-metrics-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Plan order (train_size before mode in the axis table) runs the two trials of n = 600 first, one per
    /// mode, in about a second each; a trial of n = 1000000 then keeps the node, and so its metrics, up for the scrapes.</summary>
    private string WriteSpec() => TrialLines.WriteSpec(_folder, "modes", epochs: 2, depths: "1", actNoise: "0.5",
        trainSize: "[600, 1000000]", seeds: 1, modes: "[end_to_end, frozen_features]");

    [Fact]
    public void A_sweep_over_modes_has_one_curve_series_per_mode_with_its_own_values()
    {
        var metricsPort = Ports.Free();
        using var sweep = new CliNode("run", "run", WriteSpec(), "--out", Path.Combine(_folder, "results"),
            "--slots", "1", "--threads", "1", "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture));
        using var prometheus = new PrometheusServer($"127.0.0.1:{metricsPort}");

        const string Query = "sweepcluster_curve_mean{train_size=\"600\"}";
        IReadOnlyList<JsonElement> series = [];
        Eventually.True(() => Modes(series = prometheus.Query(Query)).Count == 2, TimeSpan.FromSeconds(120),
            () => $"Prometheus has no curve series of both modes for {Query} (has {series.Count}); sweep output:\n{sweep.Output}\nPrometheus:\n{prometheus.Output}");
        Assert.False(sweep.HasExited, $"The sweep ended before the query, so it did not read a live node:\n{sweep.Output}");

        var byMode = series.GroupBy(Mode).ToDictionary(g => g.Key, g => g.ToDictionary(Label("quantity"), Value));
        Assert.Equal(["end_to_end", "frozen_features"], byMode.Keys.Order());
        var endToEnd = byMode["end_to_end"];
        var frozen = byMode["frozen_features"];
        // Each series is one quantity of one curve: one value per (mode, quantity), and the modes' curves differ in
        // the quantities both have (frozen_features also has the certified B_ISMI).
        Assert.Equal(series.Count, endToEnd.Count + frozen.Count);
        var shared = endToEnd.Keys.Intersect(frozen.Keys).ToList();
        Assert.Contains("test_error", shared);
        Assert.Contains(shared, quantity => endToEnd[quantity] != frozen[quantity]);
    }

    private static Func<JsonElement, string> Label(string name) => s => s.GetProperty("metric").GetProperty(name).GetString()!;

    private static string Mode(JsonElement series) => Label("mode")(series);

    private static IReadOnlySet<string> Modes(IReadOnlyList<JsonElement> series) =>
        series.Where(s => s.GetProperty("metric").TryGetProperty("mode", out _)).Select(Mode).ToHashSet();

    private static double Value(JsonElement series) =>
        double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
}
