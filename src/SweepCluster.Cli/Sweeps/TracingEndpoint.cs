namespace SweepCluster.Cli.Sweeps;

/// <summary>Where trial spans go: the collector named by the standard OpenTelemetry variable
/// OTEL_EXPORTER_OTLP_ENDPOINT, read here so that the telemetry library is handed it.</summary>
internal static class TracingEndpoint
{
    public const string Variable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The endpoint the variable names; see <see cref="Read"/>.</summary>
    public static Uri? FromEnvironment() => Read(Environment.GetEnvironmentVariable(Variable), Console.Error);

    /// <summary>The endpoint in <paramref name="text"/>; null when it is unset or blank, and then no span is recorded.
    /// A value that is not an http(s) URI is also null, with one warning on <paramref name="warnings"/>: a node does
    /// not refuse to run a sweep for its tracing.</summary>
    public static Uri? Read(string? text, TextWriter warnings)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // "localhost:4317" parses as an absolute URI of scheme "localhost": only http and https reach a collector.
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https")
            return endpoint;
        warnings.WriteLine($"sweepcluster: warning: {Variable} '{text}' is not an http(s) URI, so no trace spans are exported; set it to one such as http://localhost:4317, or unset it.");
        return null;
    }
}
