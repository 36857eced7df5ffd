using System.Net;
using Prometheus;
using SweepCluster.Core;

namespace SweepCluster.Telemetry;

/// <summary>Serves /metrics (prometheus-net's HttpListener server: product metrics and .NET runtime collectors).</summary>
public sealed class MetricsEndpoint : IDisposable
{
    /// <summary>Documented defaults, one per verb, so the nodes of one machine do not collide.</summary>
    public const int CoordinatorDefaultPort = 9464;
    public const int WorkerDefaultPort = 9465;
    public const int RunDefaultPort = 9466;

    private readonly MetricServer _server;

    private MetricsEndpoint(MetricServer server, string url)
    {
        _server = server;
        Url = url;
    }

    /// <summary>http://host:port/metrics</summary>
    public string Url { get; }

    /// <summary>Starts serving on <paramref name="host"/>:<paramref name="port"/>; null when port is 0 (metrics off).</summary>
    /// <exception cref="UserInputException">The port cannot be served (the session checked its range).</exception>
    public static MetricsEndpoint? Start(string host, int port)
    {
        if (port == 0) return null;
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        SweepTelemetry.EnsureRegistered();
        // A node bound to another address than loopback is exposed anyway; its /metrics then answers on every
        // address (HttpListener's "+"), because a scraper names it by IP or container name, not by --host.
        var listenHost = IsLoopback(host) ? host : "+";
        var server = new MetricServer(listenHost, port);
        try
        {
            server.Start();
        }
        catch (HttpListenerException e)
        {
            server.Dispose();
            throw new UserInputException(
                $"--metrics-port {port} on {host} cannot be served ({e.Message}); pick another with --metrics-port, or 0 to turn metrics off.");
        }
        return new MetricsEndpoint(server, $"http://{host}:{port}/metrics");
    }

    public void Dispose() => _server.Dispose();

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
