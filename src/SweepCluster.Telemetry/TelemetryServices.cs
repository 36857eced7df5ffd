using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SweepCluster.Telemetry;

/// <summary>OpenTelemetry wiring: trial spans go out over OTLP when the caller gives an endpoint.</summary>
public static class TelemetryServices
{
    /// <summary>The path an OTLP/HTTP collector takes traces on, below the base endpoint.</summary>
    private const string HttpTracesPath = "v1/traces";

    /// <summary>Adds OTLP trace export of <see cref="SweepTelemetry.ActivitySource"/> to
    /// <paramref name="otlpEndpoint"/>; null: no span is recorded at all (no cost).</summary>
    /// <param name="otlpEndpoint">The collector's base endpoint, as the standard OTLP endpoint setting gives it: over
    /// http/protobuf the traces path is added unless it is there already, as the SDK does for that setting.</param>
    public static IServiceCollection AddSweepTracing(this IServiceCollection services, string serviceName, Uri? otlpEndpoint)
    {
        if (otlpEndpoint is null) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddSource(SweepTelemetry.ActivitySource.Name).AddOtlpExporter(exporter =>
                exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf ? WithTracesPath(otlpEndpoint) : otlpEndpoint));
        return services;
    }

    private static Uri WithTracesPath(Uri endpoint) =>
        endpoint.AbsolutePath.TrimEnd('/').EndsWith("/" + HttpTracesPath, StringComparison.Ordinal)
            ? endpoint
            : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + HttpTracesPath);
}
