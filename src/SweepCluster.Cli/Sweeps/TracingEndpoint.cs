namespace SweepCluster.Cli.Sweeps;

/// <summary>Where trial spans go: the collector named by the standard OpenTelemetry variable
/// OTEL_EXPORTER_OTLP_ENDPOINT, read here so that the telemetry library is handed it.</summary>
internal static class TracingEndpoint
{
    public const string Variable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The endpoint; null when the variable is unset, blank, or not an absolute URI (that last with a
    /// warning), and then no span is recorded.</summary>
    public static Uri? FromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var endpoint)) return endpoint;
        Console.Error.WriteLine($"sweepcluster: warning: {Variable} '{text}' is not an absolute URI such as http://localhost:4317; no trace spans are exported.");
        return null;
    }
}
