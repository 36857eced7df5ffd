using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SweepCluster.Cluster.Hosting;

namespace SweepCluster.Cluster.Tests.Hosting;

/// <summary>A node's log level reaches Akka as its own word, for the system's logger and its stdout logger.</summary>
public sealed class NodeLogLevelTests
{
    [Theory]
    [InlineData(NodeLogLevel.Error, "ERROR")]
    [InlineData(NodeLogLevel.Warning, "WARNING")]
    [InlineData(NodeLogLevel.Off, "OFF")]
    public async Task The_level_is_akkas_log_level(NodeLogLevel level, string akkaWord)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("log-level", akka => akka.WithLogLevel(level));
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var settings = host.Services.GetRequiredService<ActorSystem>().Settings;
            Assert.Equal(akkaWord, settings.LogLevel);
            Assert.Equal(akkaWord, settings.StdoutLogLevel);
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
