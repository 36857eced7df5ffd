using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SweepCluster.Cli.Sweeps;
using SweepCluster.Telemetry;

namespace SweepCluster.Cli.Tests.Sweeps;

/// <summary>OTEL_EXPORTER_OTLP_ENDPOINT: a good value is the exporter's endpoint, none means no exporter, and a bad one
/// is one warning naming the variable and the fix, then no exporter.</summary>
public sealed class TracingEndpointTests
{
    private static (Uri? Endpoint, string Warnings) Read(string? text)
    {
        var warnings = new StringWriter();
        return (TracingEndpoint.Read(text, warnings), warnings.ToString());
    }

    /// <summary>Whether the node's services would export spans with this endpoint.</summary>
    private static bool ExportsSpans(Uri? endpoint)
    {
        using var services = new ServiceCollection().AddSweepTracing("sweepcluster-test", endpoint).BuildServiceProvider();
        return services.GetService<TracerProvider>() is not null;
    }

    [Theory]
    [InlineData("http://localhost:4317", "http://localhost:4317/")]
    [InlineData("  https://collector.example:4318/  ", "https://collector.example:4318/")]
    public void A_good_value_is_taken_and_exports_spans(string text, string expected)
    {
        var (endpoint, warnings) = Read(text);
        Assert.Equal(new Uri(expected), endpoint);
        Assert.Empty(warnings);
        Assert.True(ExportsSpans(endpoint));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_absent_value_means_no_exporter_and_no_warning(string? text)
    {
        var (endpoint, warnings) = Read(text);
        Assert.Null(endpoint);
        Assert.Empty(warnings);
        Assert.False(ExportsSpans(endpoint));
    }

    [Theory]
    [InlineData("localhost:4317")] // parses as a URI of scheme "localhost"
    [InlineData("collector")]
    [InlineData("ftp://collector:4317")]
    public void A_bad_value_is_one_sentence_naming_the_variable_and_the_fix(string text)
    {
        var (endpoint, warnings) = Read(text);
        Assert.Null(endpoint);
        Assert.False(ExportsSpans(endpoint));
        string line = Assert.Single(warnings.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
        Assert.Contains($"{TracingEndpoint.Variable} '{text}'", line);
        Assert.Contains("set it to one such as http://localhost:4317", line);
        Assert.EndsWith(".", line);
        Assert.DoesNotContain(". ", line[..^1]);
    }
}
