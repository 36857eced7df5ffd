using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SweepCluster.Telemetry;

/// <summary>OpenTelemetry wiring: trial spans go out over OTLP when the standard endpoint variable is set.</summary>
public static class TelemetryServices
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Adds OTLP trace export of <see cref="SweepTelemetry.ActivitySource"/> when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set; without it no span is recorded at all (no cost).</summary>
    public static IServiceCollection AddSweepTracing(this IServiceCollection services, string serviceName)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable))) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddSource(SweepTelemetry.ActivitySource.Name).AddOtlpExporter());
        return services;
    }
}
