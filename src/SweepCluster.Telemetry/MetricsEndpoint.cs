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

    /// <summary>Workers not given a metrics port take the first free port of 9465..9484 (deploy/prometheus scrapes
    /// that range). 9466 lies inside it: a worker beside a `run` simply skips the port `run` holds.</summary>
    public const int WorkerPortsToTry = 20;

    private readonly MetricServer _server;

    private MetricsEndpoint(MetricServer server, string url)
    {
        _server = server;
        Url = url;
    }

    /// <summary>http://host:port/metrics</summary>
    public string Url { get; }

    /// <summary>Starts serving on <paramref name="host"/>:<paramref name="port"/> (host 0.0.0.0 or ::: every
    /// interface), or, when the port was not given explicitly, on the first free one of <paramref name="portsToTry"/>
    /// ports from it upward (several workers on one machine, one per GPU, each take the next); null when port is 0
    /// (metrics off). Trying the bind itself, not a
    /// probe beforehand, keeps two workers started at once from choosing the same port.</summary>
    /// <param name="portFlag">The option the user sets the port with, named in the error sentence; null: none named.</param>
    /// <exception cref="UserInputException">No port can be served (the session checked the range).</exception>
    public static MetricsEndpoint? Start(string host, int port, int portsToTry = 1, string? portFlag = null)
    {
        if (port == 0) return null;
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(portsToTry, 1);
        SweepTelemetry.EnsureRegistered();
        // The wildcard address is HttpListener's "+" (every interface); any other host is bound as given.
        var listenHost = IsAny(host) ? "+" : host;
        int last = Math.Min(port + portsToTry - 1, 65535);
        for (int candidate = port; ; candidate++)
        {
            var server = new MetricServer(listenHost, candidate);
            try
            {
                server.Start();
                return new MetricsEndpoint(server, $"http://{host}:{candidate}/metrics");
            }
            catch (HttpListenerException e)
            {
                server.Dispose();
                if (candidate < last) continue;
                string named = portFlag ?? "metrics port", with = portFlag is null ? "" : $" with {portFlag}";
                throw new UserInputException(portsToTry == 1
                    ? $"{named} {port} on {host} cannot be served ({e.Message}); pick another{with}, or 0 to turn metrics off."
                    : $"no metrics port from {port} to {last} on {host} is free ({e.Message}); pick one{with}, or 0 to turn metrics off.");
            }
        }
    }

    public void Dispose() => _server.Dispose();

    private static bool IsAny(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
}
