using System.Globalization;
using System.Net.Http;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Integration.Tests;

/// <summary>A real sweep with metrics on, scraped by a real Prometheus: every query of every dashboard must return data.</summary>
public sealed class DashboardQueryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dashboards-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>About a second per trial and 300 of them on one slot: the sweep outlives the test by minutes, so
    /// Prometheus always scrapes a live node (the test checks it still runs at the end).</summary>
    private string WriteSpec() =>
        TrialLines.WriteSpec(_folder, "dashboards", epochs: 60, depths: "2", actNoise: "0.5", trainSize: "1000", seeds: 300);

    [Fact]
    public void Every_dashboard_query_returns_data_from_a_running_sweep()
    {
        var metricsPort = Ports.Free();
        using var sweep = new CliNode("run", "run", WriteSpec(), "--out", Path.Combine(_folder, "results"),
            "--slots", "1", "--threads", "1", "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var metricsUrl = $"http://127.0.0.1:{metricsPort}/metrics";
        // The curve gauges exist once the first trial has ended.
        Eventually.True(() => Scrape(http, metricsUrl).Contains("sweepcluster_curve_mean{"), TimeSpan.FromSeconds(120),
            () => $"no curve metric at {metricsUrl}; sweep output:\n{sweep.Output}");
        Assert.Contains($"metrics at {metricsUrl}", sweep.Output);

        using var prometheus = new PrometheusServer($"127.0.0.1:{metricsPort}");
        // Three scrapes of the target, so that rate() over a window has two samples and more.
        Eventually.True(() => prometheus.Query($"count_over_time(sweepcluster_trials_planned{{job=\"{PrometheusServer.Job}\"}}[1m]) >= 3").Count == 1,
            TimeSpan.FromSeconds(60), () => $"Prometheus has not scraped the sweep three times; its output:\n{prometheus.Output}");

        var empty = DashboardQueries.All()
            .Where(q => prometheus.Query(DashboardQueries.Fill(q.Expr)).Count == 0)
            .Select(q => $"{q.Dashboard} / {q.Panel}: {DashboardQueries.Fill(q.Expr)}")
            .ToList();
        Assert.True(empty.Count == 0, "Dashboard queries with no data:\n" + string.Join("\n", empty));
        Assert.False(sweep.HasExited, $"The sweep ended before the queries ran, so they did not read a live node:\n{sweep.Output}");
    }

    private static string Scrape(HttpClient http, string url)
    {
        try
        {
            return http.GetStringAsync(url).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "";
        }
    }
}
